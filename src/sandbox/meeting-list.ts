import { jsonReply, type Reply, type SandboxRequest, zoomError } from './http-io.js';
import type { PageCursor } from './list-pages.js';
import type { Meeting } from './meeting-store.js';
import { listItemView } from './meeting-views.js';
import type { SandboxState } from './sandbox-state.js';
import type { ZoomUser } from './zoom-users.js';

const DEFAULT_PAGE_SIZE = 30;
const MAX_PAGE_SIZE = 300;
const MINUTE_MS = 60_000;

type ListType = 'scheduled' | 'live' | 'upcoming' | 'upcoming_meetings' | 'previous_meetings';
const LIST_TYPES: readonly string[] = [
  'scheduled',
  'live',
  'upcoming',
  'upcoming_meetings',
  'previous_meetings',
];

function validationFailed(field: string): Reply {
  const errors = [{ field, message: 'Invalid field.' }];
  return jsonReply(400, { code: 300, message: 'Validation Failed.', errors });
}

function starts(meeting: Meeting): number[] {
  const live = meeting.occurrences.filter((occurrence) => !occurrence.deleted);
  if (meeting.recurrence) return live.map((occurrence) => occurrence.startTime);
  return meeting.startTime === undefined ? [] : [meeting.startTime];
}

// Like Zoom, listings leave instant meetings out; only `live` shows one while it runs.
function belongs(meeting: Meeting, type: ListType, now: number): boolean {
  if (type === 'live') return meeting.status === 'started';
  if (meeting.type === 1) return false;
  if (type === 'scheduled') return true;

  const times = starts(meeting);
  const last = times.length === 0 ? undefined : Math.max(...times);
  if (type === 'previous_meetings') {
    return last !== undefined && last + meeting.duration * MINUTE_MS < now;
  }
  return meeting.type === 3 || (last !== undefined && last >= now);
}

/** `GET /v2/users/{userId}/meetings`, paged by `next_page_token`. */
export function listMeetings(state: SandboxState, request: SandboxRequest, user: ZoomUser): Reply {
  const sizeText = request.query.get('page_size');
  if (sizeText !== null && !/^[1-9]\d*$/.test(sizeText)) return validationFailed('page_size');
  const pageSize = Math.min(Number(sizeText ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);

  const type = request.query.get('type') || 'scheduled';
  if (!LIST_TYPES.includes(type)) return validationFailed('type');

  const token = request.query.get('next_page_token') || undefined;
  let cursor: PageCursor | undefined;
  if (token) {
    cursor = state.pages.resume(token, user.id);
    if (!cursor) return zoomError(400, 300, 'The next page token is invalid or expired.');
  } else {
    const now = state.now();
    const found = state.meetings
      .ofHost(user.id)
      .filter((item) => belongs(item, type as ListType, now));
    cursor = { userId: user.id, ids: found.map((meeting) => meeting.id), offset: 0 };
  }

  const end = cursor.offset + pageSize;
  const meetings = cursor.ids
    .slice(cursor.offset, end)
    .map((id) => state.meetings.get(id))
    .filter((meeting) => meeting !== undefined)
    .map(listItemView);
  const next = end < cursor.ids.length ? state.pages.issue({ ...cursor, offset: end }) : '';

  return jsonReply(200, {
    page_size: pageSize,
    total_records: cursor.ids.length,
    next_page_token: next,
    meetings,
  });
}
