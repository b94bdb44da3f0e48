import { apiRoute, otherUser } from './api-auth.js';
import { emptyReply, jsonReply, type Reply, type SandboxRequest, zoomError } from './http-io.js';
import { int64, writeJson } from './json-codec.js';
import { readMeetingBody } from './meeting-input.js';
import { listMeetings } from './meeting-list.js';
import { applyInput, type Meeting, type Occurrence } from './meeting-store.js';
import { createdObject, deletedObject, meetingView, updatableFields } from './meeting-views.js';
import { needsDoubleEncoding } from './random-ids.js';
import type { Route } from './router.js';
import type { SandboxState } from './sandbox-state.js';
import { parseStartTime } from './zoned-time.js';
import type { ZoomUser } from './zoom-users.js';

/** Zoom's meeting endpoints: create, list, get, update and delete. */
export function meetingRoutes(state: SandboxState): Route[] {
  return [
    apiRoute(state, 'POST', '/v2/users/:userId/meetings', (request, { userId = '' }, user) => {
      return otherUser(user, userId) ?? create(state, request, user);
    }),
    apiRoute(state, 'GET', '/v2/users/:userId/meetings', (request, { userId = '' }, user) => {
      return otherUser(user, userId) ?? listMeetings(state, request, user);
    }),
    apiRoute(state, 'GET', '/v2/meetings/:meetingId', (request, { meetingId = '' }, user) => {
      return withMeeting(state, meetingId, user, (meeting) => get(request, meeting));
    }),
    apiRoute(state, 'PATCH', '/v2/meetings/:meetingId', (request, { meetingId = '' }, user) => {
      return withMeeting(state, meetingId, user, (meeting) =>
        update(state, request, meeting, user),
      );
    }),
    apiRoute(state, 'DELETE', '/v2/meetings/:meetingId', (request, { meetingId = '' }, user) => {
      return withMeeting(state, meetingId, user, (meeting) =>
        remove(state, request, meeting, user),
      );
    }),
  ];
}

/**
 * The meeting a path segment (decoded once) names: its number, or its UUID. Zoom's routing
 * folds the slashes of a once-decoded UUID that begins with `/` or holds `//`, so such a
 * UUID is only found when it was double-encoded, which leaves `%` to decode here.
 */
export function findMeeting(state: SandboxState, segment: string): Meeting | undefined {
  if (/^\d+$/.test(segment)) return state.meetings.get(segment);
  if (segment.includes('%')) {
    try {
      return state.meetings.getByUuid(decodeURIComponent(segment));
    } catch {
      return undefined;
    }
  }
  return needsDoubleEncoding(segment) ? undefined : state.meetings.getByUuid(segment);
}

function withMeeting(
  state: SandboxState,
  meetingId: string,
  user: ZoomUser,
  use: (meeting: Meeting) => Reply,
): Reply {
  const meeting = findMeeting(state, meetingId);
  if (!meeting || meeting.hostId !== user.id) {
    return zoomError(404, 3001, `Meeting does not exist: ${meetingId}.`);
  }
  return use(meeting);
}

function create(state: SandboxState, request: SandboxRequest, user: ZoomUser): Reply {
  const read = readMeetingBody(request.body);
  if ('status' in read) return read;

  const meeting = state.meetings.create(user, read.input, state.now());
  state.webhooks.meetingEvent('meeting.created', user, createdObject(meeting));
  return jsonReply(201, meetingView(meeting));
}

// An occurrence_id that names no occurrence is Zoom's 3000, not a 404.
function occurrenceOf(request: SandboxRequest, meeting: Meeting): Occurrence | Reply | undefined {
  const id = request.query.get('occurrence_id');
  if (id === null || id === '') return undefined;
  return (
    meeting.occurrences.find((occurrence) => occurrence.id === id) ??
    zoomError(400, 3000, `Invalid occurrence_id: ${id}.`)
  );
}

function get(request: SandboxRequest, meeting: Meeting): Reply {
  const occurrence = occurrenceOf(request, meeting);
  if (occurrence && 'status' in occurrence) return occurrence;
  return jsonReply(200, meetingView(meeting, occurrence));
}

function update(
  state: SandboxState,
  request: SandboxRequest,
  meeting: Meeting,
  user: ZoomUser,
): Reply {
  if (meeting.status === 'started') {
    const message = 'You cannot update or delete meetings that have started using this method.';
    return zoomError(400, 3000, message);
  }
  const occurrence = occurrenceOf(request, meeting);
  if (occurrence && 'status' in occurrence) return occurrence;
  const read = readMeetingBody(request.body);
  if ('status' in read) return read;

  const before = updatableFields(meeting);
  if (occurrence) {
    // Only the time and length of a single occurrence can change on its own.
    const { startTime, duration, timezone } = read.input;
    if (startTime) occurrence.startTime = parseStartTime(startTime, timezone ?? meeting.timezone);
    if (duration !== undefined) occurrence.duration = duration;
  } else {
    applyInput(meeting, read.input, state.now());
  }

  announceUpdate(state, user, meeting, before, occurrence ? 'single' : 'all');
  return emptyReply(204);
}

// meeting.updated carries only the fields that changed, before and after, as Zoom sends them.
function announceUpdate(
  state: SandboxState,
  user: ZoomUser,
  meeting: Meeting,
  before: Record<string, unknown>,
  operation: 'single' | 'all',
): void {
  const after = updatableFields(meeting);
  const changed = Object.keys({ ...before, ...after }).filter(
    (key) => writeJson(after[key]) !== writeJson(before[key]),
  );
  if (changed.length === 0) return;

  const pick = (fields: Record<string, unknown>) => ({
    id: int64(meeting.id),
    uuid: meeting.uuid,
    ...Object.fromEntries(changed.map((key) => [key, fields[key]])),
  });
  state.webhooks.meetingEvent('meeting.updated', user, pick(after), {
    operation,
    old_object: pick(before),
    time_stamp: Date.now(),
  });
}

function remove(
  state: SandboxState,
  request: SandboxRequest,
  meeting: Meeting,
  user: ZoomUser,
): Reply {
  if (meeting.status === 'started') {
    return zoomError(400, 3002, 'Sorry, you cannot delete this meeting since it is in progress.');
  }
  for (const flag of ['schedule_for_reminder', 'cancel_meeting_reminder']) {
    const value = request.query.get(flag);
    if (value !== null && value !== 'true' && value !== 'false') {
      const errors = [{ field: flag, message: 'Invalid field.' }];
      return jsonReply(400, { code: 300, message: 'Validation Failed.', errors });
    }
  }
  const occurrence = occurrenceOf(request, meeting);
  if (occurrence && 'status' in occurrence) return occurrence;

  if (occurrence) {
    occurrence.deleted = true;
  } else {
    state.meetings.delete(meeting);
  }
  state.webhooks.meetingEvent(
    'meeting.deleted',
    user,
    deletedObject(meeting, occurrence && [occurrence]),
    { operation: occurrence ? 'single' : 'all' },
  );
  return emptyReply(204);
}
