import { int64 } from './json-codec.js';
import type { Meeting, Occurrence } from './meeting-store.js';
import { recurrenceView } from './recurrence.js';
import { formatUtc } from './zoned-time.js';

const JOIN_ORIGIN = 'https://sandbox.zoom.test';
const LIST_AGENDA_LENGTH = 250;

function time(instant: number | undefined): string | undefined {
  return instant === undefined ? undefined : formatUtc(instant);
}

// A recurring meeting shows the start of its first occurrence still on the calendar.
function startOf(meeting: Meeting): string | undefined {
  const next = meeting.occurrences.find((occurrence) => !occurrence.deleted);
  return time(next?.startTime ?? meeting.startTime);
}

function joinUrl(meeting: Meeting): string {
  const url = new URL(`/j/${meeting.id}`, JOIN_ORIGIN);
  if (meeting.encryptedPassword) url.searchParams.set('pwd', meeting.encryptedPassword);
  return url.href;
}

function occurrenceView(meeting: Meeting, occurrence: Occurrence): Record<string, unknown> {
  return {
    occurrence_id: occurrence.id,
    start_time: formatUtc(occurrence.startTime),
    duration: occurrence.duration ?? meeting.duration,
    status: occurrence.deleted ? 'deleted' : 'available',
  };
}

/**
 * The meeting as create (201) and get return it; with an occurrence, its start time and
 * duration are that occurrence's.
 */
export function meetingView(meeting: Meeting, occurrence?: Occurrence): Record<string, unknown> {
  const hasPassword = meeting.password !== '';
  return {
    uuid: meeting.uuid,
    id: int64(meeting.id),
    host_id: meeting.hostId,
    host_email: meeting.hostEmail,
    topic: meeting.topic,
    type: meeting.type,
    status: meeting.status,
    start_time: occurrence ? time(occurrence.startTime) : startOf(meeting),
    duration: occurrence?.duration ?? meeting.duration,
    timezone: meeting.timezone,
    agenda: meeting.agenda,
    created_at: formatUtc(meeting.createdAt),
    start_url: `${JOIN_ORIGIN}/s/${meeting.id}?zak=${meeting.startToken}`,
    join_url: joinUrl(meeting),
    password: hasPassword ? meeting.password : undefined,
    h323_password: hasPassword ? meeting.numericPassword : undefined,
    pstn_password: hasPassword ? meeting.numericPassword : undefined,
    encrypted_password: hasPassword ? meeting.encryptedPassword : undefined,
    settings: { ...meeting.settings },
    pre_schedule: meeting.preSchedule,
    recurrence: meeting.recurrence && recurrenceView(meeting.recurrence),
    occurrences: meeting.recurrence
      ? meeting.occurrences.map((item) => occurrenceView(meeting, item))
      : undefined,
    tracking_fields: meeting.trackingFields.length > 0 ? meeting.trackingFields : undefined,
  };
}

/** One entry of `GET /users/{userId}/meetings`; Zoom cuts the agenda there. */
export function listItemView(meeting: Meeting): Record<string, unknown> {
  return {
    uuid: meeting.uuid,
    id: int64(meeting.id),
    host_id: meeting.hostId,
    topic: meeting.topic,
    type: meeting.type,
    start_time: startOf(meeting),
    duration: meeting.duration,
    timezone: meeting.timezone,
    agenda: meeting.agenda.slice(0, LIST_AGENDA_LENGTH),
    created_at: formatUtc(meeting.createdAt),
    join_url: joinUrl(meeting),
  };
}

/** `payload.object` of `meeting.created`; here Zoom writes `id` as a number. */
export function createdObject(meeting: Meeting): Record<string, unknown> {
  const { settings } = meeting;
  return {
    uuid: meeting.uuid,
    id: int64(meeting.id),
    host_id: meeting.hostId,
    topic: meeting.topic,
    type: meeting.type,
    start_time: startOf(meeting),
    duration: meeting.duration,
    timezone: meeting.timezone,
    join_url: joinUrl(meeting),
    password: meeting.password || undefined,
    settings: {
      use_pmi: settings.use_pmi,
      alternative_hosts: settings.alternative_hosts,
      join_before_host: settings.join_before_host,
      jbh_time: settings.jbh_time,
    },
    recurrence: meeting.recurrence && recurrenceView(meeting.recurrence),
    occurrences: meeting.recurrence
      ? meeting.occurrences.map((item) => occurrenceView(meeting, item))
      : undefined,
  };
}

/** `payload.object` of `meeting.deleted`, `id` a number; `occurrences` when only some went. */
export function deletedObject(meeting: Meeting, removed?: Occurrence[]): Record<string, unknown> {
  return {
    uuid: meeting.uuid,
    id: int64(meeting.id),
    host_id: meeting.hostId,
    topic: meeting.topic,
    type: meeting.type,
    start_time: startOf(meeting),
    duration: meeting.duration,
    timezone: meeting.timezone,
    occurrences: removed?.map((item) => ({
      occurrence_id: item.id,
      start_time: formatUtc(item.startTime),
    })),
  };
}

/** `payload.object` of `meeting.started` and `meeting.ended`; here Zoom writes `id` as a string. */
export function liveObject(meeting: Meeting, endTime?: number): Record<string, unknown> {
  return {
    id: meeting.id,
    uuid: meeting.uuid,
    host_id: meeting.hostId,
    topic: meeting.topic,
    type: meeting.type,
    start_time: startOf(meeting),
    timezone: meeting.timezone,
    duration: meeting.duration,
    end_time: time(endTime),
  };
}

const FIXED_FIELDS = [
  'uuid',
  'id',
  'host_id',
  'host_email',
  'status',
  'created_at',
  'start_url',
  'join_url',
  'h323_password',
  'pstn_password',
  'encrypted_password',
];

/** The fields `meeting.updated` compares before and after, as `GET` shows them. */
export function updatableFields(meeting: Meeting): Record<string, unknown> {
  const fields = meetingView(meeting);
  for (const key of FIXED_FIELDS) delete fields[key];
  return fields;
}
