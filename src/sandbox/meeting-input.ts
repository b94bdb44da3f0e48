import { FieldErrors, isIntegerIn, isRecord } from './field-checks.js';
import { jsonReply, type Reply, zoomError } from './http-io.js';
import { readJson } from './json-codec.js';
import { type Recurrence, readRecurrence } from './recurrence.js';
import { isStartTime, isTimeZone } from './zoned-time.js';

/** Zoom's meeting types: instant, scheduled, recurring without and with a fixed time. */
export type MeetingType = 1 | 2 | 3 | 8;

/** A tracking field as Zoom stores it. */
export interface TrackingField {
  field: string;
  value: string;
}

/** The fields of a create or update body, checked; absent fields are left as they are. */
export interface MeetingInput {
  topic?: string;
  type?: MeetingType;
  /** As sent: UTC with `Z`, or wall-clock time in the meeting's timezone. */
  startTime?: string;
  duration?: number;
  timezone?: string;
  agenda?: string;
  password?: string;
  preSchedule?: boolean;
  settings?: Record<string, unknown>;
  recurrence?: Recurrence;
  trackingFields?: TrackingField[];
}

/** The settings of a new meeting; keys outside this list are ignored, as Zoom ignores them. */
export const DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  host_video: false,
  participant_video: false,
  cn_meeting: false,
  in_meeting: false,
  join_before_host: false,
  jbh_time: 0,
  mute_upon_entry: false,
  watermark: false,
  use_pmi: false,
  approval_type: 2,
  registration_type: 1,
  audio: 'voip',
  auto_recording: 'none',
  enforce_login: false,
  enforce_login_domains: '',
  alternative_hosts: '',
  alternative_hosts_email_notification: true,
  close_registration: false,
  show_share_button: false,
  allow_multiple_devices: false,
  registrants_confirmation_email: true,
  waiting_room: false,
  registrants_email_notification: true,
  meeting_authentication: false,
  encryption_type: 'enhanced_encryption',
  private_meeting: false,
  email_notification: true,
  focus_mode: false,
  host_save_video_order: false,
  alternative_host_update_polls: false,
};

const SETTING_CHOICES: Record<string, readonly unknown[]> = {
  approval_type: [0, 1, 2],
  registration_type: [1, 2, 3],
  jbh_time: [0, 5, 10],
  audio: ['both', 'telephony', 'voip'],
  auto_recording: ['local', 'cloud', 'none'],
  encryption_type: ['enhanced_encryption', 'e2ee'],
};

const PASSWORD = /^[A-Za-z0-9@_*-]*$/;

/** Checks a create or update body (already known to be a JSON object) the way Zoom does. */
export function readMeetingInput(body: Record<string, unknown>, errors: FieldErrors): MeetingInput {
  const input: MeetingInput = {};
  const text = (field: string, max: number) => {
    const value = body[field];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && value.length <= max) return value;
    errors.bad(field);
    return undefined;
  };

  input.topic = text('topic', 200);
  input.agenda = text('agenda', 2000);
  input.password = text('password', 10);
  if (input.password !== undefined && !PASSWORD.test(input.password)) errors.bad('password');
  input.startTime = text('start_time', 40);
  if (input.startTime !== undefined && !isStartTime(input.startTime)) errors.bad('start_time');
  input.timezone = text('timezone', 64);
  if (input.timezone !== undefined && !isTimeZone(input.timezone)) errors.bad('timezone');

  const { type, duration, pre_schedule: preSchedule } = body;
  if (type === undefined || type === 1 || type === 2 || type === 3 || type === 8) {
    input.type = type;
  } else {
    errors.bad('type');
  }
  if (duration === undefined || isIntegerIn(duration, 1, Number.MAX_SAFE_INTEGER)) {
    input.duration = duration;
  } else {
    errors.bad('duration');
  }
  if (preSchedule === undefined || typeof preSchedule === 'boolean') {
    input.preSchedule = preSchedule;
  } else {
    errors.bad('pre_schedule');
  }

  if (body.settings !== undefined) input.settings = readSettings(body.settings, errors);
  if (body.recurrence !== undefined) input.recurrence = readRecurrence(body.recurrence, errors);
  if (body.tracking_fields !== undefined) {
    input.trackingFields = readTrackingFields(body.tracking_fields, errors);
  }
  return input;
}

function readSettings(value: unknown, parent: FieldErrors): Record<string, unknown> | undefined {
  if (!isRecord(value)) {
    parent.bad('settings');
    return undefined;
  }

  const errors = parent.nested('settings.');
  const settings: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(value)) {
    if (!(key in DEFAULT_SETTINGS)) continue;

    const choices = SETTING_CHOICES[key];
    const valid = choices
      ? choices.includes(setting)
      : typeof setting === typeof DEFAULT_SETTINGS[key];
    if (valid) settings[key] = setting;
    else errors.bad(key);
  }
  return settings;
}

function readTrackingFields(value: unknown, errors: FieldErrors): TrackingField[] | undefined {
  const valid =
    Array.isArray(value) &&
    value.every(
      (item) => isRecord(item) && typeof item.field === 'string' && typeof item.value === 'string',
    );
  if (!valid) {
    errors.bad('tracking_fields');
    return undefined;
  }
  return value.map((item) => ({ field: item.field, value: item.value }));
}

/** A create or update body, parsed and checked; or Zoom's 400 answer when it is not valid. */
export function readMeetingBody(
  text: string,
): { body: Record<string, unknown>; input: MeetingInput } | Reply {
  let body: unknown;
  try {
    body = readJson(text);
  } catch {
    body = undefined;
  }
  if (!isRecord(body)) return zoomError(400, 300, 'Request Body should be a valid JSON object.');

  const errors = new FieldErrors();
  const input = readMeetingInput(body, errors);
  if (!errors.empty) {
    return jsonReply(400, { code: 300, message: 'Validation Failed.', errors: errors.list });
  }
  return { body, input };
}
