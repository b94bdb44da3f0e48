import { BadUserInputError } from '../errors.js';
import {
  type MeetingInput,
  toZoomMeetingBody,
  validateMeetingInput,
  withMeetingDefaults,
} from './meeting-input.js';
import type { ZoomApi } from './zoom-api.js';

/** A meeting object as Zoom returns it (snake_case, ids possibly as strings past 2^53). */
export type ZoomMeeting = Record<string, unknown> & { id: number | string };

/** A page of Zoom's meeting list. */
export interface MeetingPage {
  meetings: ZoomMeeting[];
  totalRecords: number;
  /** Zoom's `next_page_token`; empty or absent on the last page. It lives 15 minutes. */
  nextPageToken: string | undefined;
}

/** Options of a delete, as Zoom takes them. */
export interface DeleteOptions {
  occurrenceId?: string | null;
  /** Email the host and alternative hosts about the cancellation. */
  notifyHosts?: boolean | null;
  /** Email registrants about the cancellation. */
  notifyRegistrants?: boolean | null;
}

const MEETING_ID = /^\d{1,19}$/;
// Zoom's UUIDs are 16 bytes in base64: 22 characters, or 24 with padding.
const MEETING_UUID = /^(?!\d+$)[A-Za-z0-9+/=_-]{22,24}$/;

/**
 * The path segment for a meeting id (digits, kept as text) or UUID. Zoom wants a UUID that
 * begins with `/` or contains `//` encoded twice.
 */
export function meetingPathSegment(id: string): string {
  if (MEETING_ID.test(id)) return id;
  if (!MEETING_UUID.test(id)) {
    throw new BadUserInputError('id must be a meeting id (digits) or a meeting UUID', 'id');
  }
  const once = encodeURIComponent(id);
  return id.startsWith('/') || id.includes('//') ? encodeURIComponent(once) : once;
}

function occurrenceQuery(occurrenceId: string | null | undefined) {
  if (occurrenceId && !/^\d{1,20}$/.test(occurrenceId)) {
    throw new BadUserInputError('occurrenceId must be digits', 'occurrenceId');
  }
  return { occurrence_id: occurrenceId ?? undefined };
}

/** Meetings of a member's Zoom account: create, read, list, update and delete. */
export class MeetingService {
  private readonly zoom: ZoomApi;

  constructor(zoom: ZoomApi) {
    this.zoom = zoom;
  }

  /** Creates a meeting; an empty input gets the package's defaults. Zoom answers 201. */
  create(userEmail: string, input: MeetingInput | null | undefined): Promise<ZoomMeeting> {
    const valid = withMeetingDefaults(validateMeetingInput(input));
    return this.zoom.json(userEmail, {
      method: 'POST',
      path: '/users/me/meetings',
      body: toZoomMeetingBody(valid),
    });
  }

  /** The meeting as Zoom has it now; ZOOM_NOT_FOUND when it is not this member's. */
  get(userEmail: string, id: string, occurrenceId?: string | null): Promise<ZoomMeeting> {
    return this.zoom.json(userEmail, {
      method: 'GET',
      path: `/meetings/${meetingPathSegment(id)}`,
      query: occurrenceQuery(occurrenceId),
    });
  }

  /** One page of the member's scheduled meetings. */
  async list(userEmail: string, pageSize: number, pageToken?: string): Promise<MeetingPage> {
    const body = await this.zoom.json<{
      meetings?: ZoomMeeting[];
      total_records?: number;
      next_page_token?: string;
    }>(userEmail, {
      method: 'GET',
      path: '/users/me/meetings',
      query: { type: 'scheduled', page_size: pageSize, next_page_token: pageToken },
    });
    return {
      meetings: body.meetings ?? [],
      totalRecords: body.total_records ?? 0,
      nextPageToken: body.next_page_token || undefined,
    };
  }

  /** Changes the given fields; Zoom answers 204, so the meeting is read again afterwards. */
  async update(userEmail: string, id: string, input: MeetingInput): Promise<ZoomMeeting> {
    const body = toZoomMeetingBody(validateMeetingInput(input));
    await this.zoom.json(userEmail, {
      method: 'PATCH',
      path: `/meetings/${meetingPathSegment(id)}`,
      body,
    });
    return this.get(userEmail, id);
  }

  /** Deletes the meeting, or one occurrence of a recurring one. Zoom answers 204. */
  async delete(userEmail: string, id: string, options: DeleteOptions = {}): Promise<void> {
    await this.zoom.json(userEmail, {
      method: 'DELETE',
      path: `/meetings/${meetingPathSegment(id)}`,
      query: {
        ...occurrenceQuery(options.occurrenceId),
        schedule_for_reminder: options.notifyHosts ?? undefined,
        cancel_meeting_reminder: options.notifyRegistrants ?? undefined,
      },
    });
  }
}
