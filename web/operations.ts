import { graphql } from './gql/index.js';

/** Who is signed in, and whether their Zoom account is connected. */
export const ViewerQuery = graphql(`
  query WebViewer {
    viewer {
      email
      zoomConnection {
        connected
        expiresAt
      }
    }
  }
`);

/** Zoom's consent page; `options` come back from connectZoom. */
export const AuthorizeUrlQuery = graphql(`
  query WebAuthorizeUrl($options: JSON) {
    zoomAuthorizeUrl(options: $options)
  }
`);

/** Finishes the connection with what Zoom sent back. */
export const ConnectZoomMutation = graphql(`
  mutation WebConnectZoom($code: String!, $state: String!) {
    connectZoom(code: $code, state: $state) {
      success
      state {
        options
      }
    }
  }
`);

/** The member's upcoming meetings. */
export const MeetingsQuery = graphql(`
  query WebMeetings($first: Int) {
    meetings(first: $first) {
      totalCount
      nodes {
        id
        topic
        startTime
        duration
        joinUrl
      }
    }
  }
`);

/** Schedules a meeting from the form. */
export const CreateMeetingMutation = graphql(`
  mutation WebCreateMeeting($input: MeetingInput!) {
    createMeeting(input: $input) {
      id
      topic
      joinUrl
    }
  }
`);

/** Deletes one meeting. */
export const DeleteMeetingMutation = graphql(`
  mutation WebDeleteMeeting($id: ID!) {
    deleteMeeting(id: $id) {
      success
    }
  }
`);
