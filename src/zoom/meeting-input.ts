import { z } from 'zod';
import { BadUserInputError } from '../errors.js';

/** Zoom's meeting types by name: 1 instant, 2 scheduled, 3 recurring without and 8 with a time. */
export const MEETING_TYPES = {
  INSTANT: 1,
  SCHEDULED: 2,
  RECURRING_NO_FIXED_TIME: 3,
  RECURRING_FIXED_TIME: 8,
} as const;

export type MeetingTypeName = keyof typeof MEETING_TYPES;

/** A meeting as callers describe it, in camelCase; every field optional. */
export interface MeetingInput {
  topic?: string | null;
  type?: MeetingTypeName | null;
  startTime?: string | null;
  duration?: number | null;
  timezone?: string | null;
  agenda?: string | null;
  password?: string | null;
  defaultPassword?: boolean | null;
  recurrence?: RecurrenceInput | null;
  settings?: Record<string, unknown> | null;
}

/** Zoom's recurrence for type 8 meetings. */
export interface RecurrenceInput {
  type: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  repeatInterval?: number | null;
  weeklyDays?: string | null;
  monthlyDay?: number | null;
  endTimes?: number | null;
  endDateTime?: string | null;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

// Zoom takes `yyyy-MM-ddTHH:mm:ss` with `Z` (UTC), an offset, or nothing (the meeting's zone).
const ISO_DATE_TIME =
  /^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)?$/;

/** A calendar date that exists: `Date.parse` would roll February 30 over into March. */
function isRealDate(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const dateTime = z
  .string()
  .regex(ISO_DATE_TIME, 'must be an ISO 8601 date-time from 1970 on, such as 2030-05-01T15:00:00Z')
  .refine(isRealDate, 'is not a real date');

const nullable = <T extends z.ZodType>(schema: T) => schema.nullish();

const recurrence = z.object({
  type: z.enum(['DAILY', 'WEEKLY', 'MONTHLY']),
  repeatInterval: nullable(z.number().int().min(1).max(90)),
  weeklyDays: nullable(z.string().regex(/^[1-7](,[1-7])*$/, 'must list days 1-7, e.g. "2,4"')),
  monthlyDay: nullable(z.number().int().min(1).max(31)),
  endTimes: nullable(z.number().int().min(1).max(365)),
  endDateTime: nullable(dateTime),
});

const schema = z.object({
  topic: nullable(
    z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(200, 'at most 200 characters')
      .refine((text) => !/\p{Cc}/u.test(text), 'must not contain control characters'),
  ),
  type: nullable(
    z.enum(['INSTANT', 'SCHEDULED', 'RECURRING_NO_FIXED_TIME', 'RECURRING_FIXED_TIME']),
  ),
  startTime: nullable(dateTime),
  duration: nullable(
    z.number().int('must be whole minutes').positive('must be positive').max(1440),
  ),
  timezone: nullable(
    z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris'),
  ),
  agenda: nullable(z.string().max(2000, 'at most 2000 characters')),
  password: nullable(
    z
      .string()
      .max(10, 'at most 10 characters')
      .regex(/^[A-Za-z0-9@_*-]+$/, 'may hold only letters, digits and @ - _ *'),
  ),
  defaultPassword: nullable(z.boolean()),
  recurrence: nullable(recurrence),
  settings: nullable(z.record(z.string(), z.unknown())),
});

/** Checks an input before anything is sent; BAD_USER_INPUT names the first bad field. */
export function validateMeetingInput(input: unknown): MeetingInput {
  const result = schema
    .refine((meeting) => !meeting.recurrence || meeting.type === 'RECURRING_FIXED_TIME', {
      message: 'is only for meetings of type RECURRING_FIXED_TIME',
      path: ['recurrence'],
    })
    .safeParse(input ?? {});
  if (result.success) return result.data as MeetingInput;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'input';
  throw new BadUserInputError(`${field} ${issue?.message ?? 'is invalid'}`, field);
}

const RECURRENCE_TYPES = { DAILY: 1, WEEKLY: 2, MONTHLY: 3 } as const;

/** The body Zoom expects for a create or update, leaving out what the caller did not give. */
export function toZoomMeetingBody(input: MeetingInput): Record<string, unknown> {
  const body: Record<string, unknown> = {
    topic: input.topic,
    type: input.type ? MEETING_TYPES[input.type] : undefined,
    start_time: input.startTime ? toZoomTime(input.startTime) : undefined,
    duration: input.duration,
    timezone: input.timezone,
    agenda: input.agenda,
    password: input.password,
    default_password: input.defaultPassword,
    settings: input.settings,
  };
  if (input.recurrence) {
    const r = input.recurrence;
    body.recurrence = {
      type: RECURRENCE_TYPES[r.type],
      repeat_interval: r.repeatInterval,
      weekly_days: r.weeklyDays,
      monthly_day: r.monthlyDay,
      end_times: r.endTimes,
      end_date_time: r.endDateTime ? toZoomTime(r.endDateTime) : undefined,
    };
  }
  return JSON.parse(JSON.stringify(body, (_key, value) => (value === null ? undefined : value)));
}

/** Zoom knows UTC (`Z`) and local times only, so a time with an offset is sent in UTC. */
function toZoomTime(value: string): string {
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(value)) return value.length === 16 ? `${value}:00` : value;
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * What an empty create gets, as the old package did: a scheduled meeting at the next full
 * hour (at least 15 minutes away), for an hour, in UTC.
 */
export function withMeetingDefaults(input: MeetingInput, now = Date.now()): MeetingInput {
  const type = input.type ?? 'SCHEDULED';
  const timed = type === 'SCHEDULED' || type === 'RECURRING_FIXED_TIME';
  const hour = 3_600_000;
  const nextHour = new Date(Math.ceil((now + 15 * 60_000) / hour) * hour).toISOString();
  return {
    ...input,
    type,
    topic: input.topic ?? 'Zoom meeting',
    startTime: input.startTime ?? (timed ? nextHour : null),
    duration: input.duration ?? (type === 'INSTANT' ? null : 60),
    timezone: input.timezone ?? 'UTC',
  };
}
