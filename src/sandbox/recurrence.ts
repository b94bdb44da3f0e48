import { type FieldErrors, isIntegerIn, isRecord } from './field-checks.js';
import {
  formatUtc,
  fromWallClock,
  isStartTime,
  parseStartTime,
  type WallClock,
  wallClock,
} from './zoned-time.js';

/** How a type 8 meeting repeats; weekdays are Zoom's 1 (Sunday) to 7. */
export interface Recurrence {
  type: 1 | 2 | 3;
  repeatInterval: number;
  weeklyDays?: number[];
  monthlyDay?: number;
  monthlyWeek?: number;
  monthlyWeekDay?: number;
  endTimes?: number;
  endDateTime?: number;
}

const MAX_OCCURRENCES = 365;
const MAX_INTERVAL = { 1: 90, 2: 12, 3: 3 } as const;
const DAY_MS = 86_400_000;

/** Reads Zoom's `recurrence` object, recording each bad field under `recurrence.`. */
export function readRecurrence(value: unknown, parent: FieldErrors): Recurrence | undefined {
  if (!isRecord(value)) {
    parent.bad('recurrence');
    return undefined;
  }
  const errors = parent.nested('recurrence.');
  const before = parent.list.length;

  const type = value.type;
  if (type !== 1 && type !== 2 && type !== 3) errors.bad('type');
  const kind = type === 2 || type === 3 ? type : 1;

  const interval = value.repeat_interval ?? 1;
  if (!isIntegerIn(interval, 1, MAX_INTERVAL[kind])) errors.bad('repeat_interval');

  const days = typeof value.weekly_days === 'string' ? value.weekly_days.split(',') : [];
  const daysValid = days.length > 0 && days.every((day) => /^[1-7]$/.test(day.trim()));
  if (value.weekly_days !== undefined && !daysValid) errors.bad('weekly_days');

  const { monthly_day: monthDay, monthly_week: week, monthly_week_day: weekDay } = value;
  if (monthDay !== undefined && !isIntegerIn(monthDay, 1, 31)) errors.bad('monthly_day');
  if (week !== undefined && week !== -1 && !isIntegerIn(week, 1, 4)) errors.bad('monthly_week');
  if (weekDay !== undefined && !isIntegerIn(weekDay, 1, 7)) errors.bad('monthly_week_day');

  const { end_times: times, end_date_time: end } = value;
  if (times !== undefined && !isIntegerIn(times, 1, MAX_OCCURRENCES)) errors.bad('end_times');
  const endValid = typeof end === 'string' && end.endsWith('Z') && isStartTime(end);
  if (end !== undefined && (!endValid || times !== undefined)) errors.bad('end_date_time');
  if (parent.list.length > before) return undefined;

  return {
    type: kind,
    repeatInterval: interval as number,
    weeklyDays: value.weekly_days === undefined ? undefined : distinctDays(days),
    monthlyDay: monthDay as number | undefined,
    monthlyWeek: week as number | undefined,
    monthlyWeekDay: weekDay as number | undefined,
    endTimes: typeof end === 'string' ? undefined : ((times as number | undefined) ?? 1),
    endDateTime: typeof end === 'string' ? parseStartTime(end, 'UTC') : undefined,
  };
}

function distinctDays(days: string[]): number[] {
  return [...new Set(days.map((day) => Number(day.trim())))].sort((a, b) => a - b);
}

/** The recurrence as Zoom writes it back. */
export function recurrenceView(recurrence: Recurrence): Record<string, unknown> {
  return {
    type: recurrence.type,
    repeat_interval: recurrence.repeatInterval,
    weekly_days: recurrence.weeklyDays?.join(','),
    monthly_day: recurrence.monthlyDay,
    monthly_week: recurrence.monthlyWeek,
    monthly_week_day: recurrence.monthlyWeekDay,
    end_times: recurrence.endTimes,
    end_date_time:
      recurrence.endDateTime === undefined ? undefined : formatUtc(recurrence.endDateTime),
  };
}

/**
 * The start of every occurrence, in order: the wall-clock time of `start` in `timezone`
 * repeated on the days the recurrence names, from the day of `start` on.
 */
export function occurrenceStarts(
  start: number,
  timezone: string,
  recurrence: Recurrence,
): number[] {
  const first = wallClock(start, timezone);
  const limit = recurrence.endTimes ?? MAX_OCCURRENCES;
  const until = recurrence.endDateTime ?? Number.POSITIVE_INFINITY;
  const starts: number[] = [];

  for (const day of candidateDays(first, recurrence)) {
    const at = fromWallClock(
      { ...day, hour: first.hour, minute: first.minute, second: first.second },
      timezone,
    );
    if (at > until || starts.length >= limit) break;
    starts.push(at);
  }
  return starts;
}

type Day = { year: number; month: number; day: number };

function dayAt(time: number): Day {
  const date = new Date(time);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

// Calendar arithmetic runs on UTC midnights, which have no DST; each day is then placed in
// the meeting's timezone by fromWallClock.
function* candidateDays(first: WallClock, recurrence: Recurrence): Generator<Day> {
  const origin = Date.UTC(first.year, first.month - 1, first.day);
  const step = recurrence.repeatInterval;

  for (let round = 0; round < MAX_OCCURRENCES * 31; round += 1) {
    if (recurrence.type === 1) {
      yield dayAt(origin + round * step * DAY_MS);
    } else if (recurrence.type === 2) {
      const sunday = origin - (first.weekday - 1) * DAY_MS + round * step * 7 * DAY_MS;
      for (const weekday of recurrence.weeklyDays ?? [first.weekday]) {
        const time = sunday + (weekday - 1) * DAY_MS;
        if (time >= origin) yield dayAt(time);
      }
    } else {
      const month = new Date(Date.UTC(first.year, first.month - 1 + round * step, 1));
      const day = monthlyDay(month.getUTCFullYear(), month.getUTCMonth(), first, recurrence);
      if (
        day !== undefined &&
        Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), day) >= origin
      ) {
        yield { year: month.getUTCFullYear(), month: month.getUTCMonth() + 1, day };
      }
    }
  }
}

function monthlyDay(year: number, month: number, first: WallClock, recurrence: Recurrence) {
  const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const { monthlyWeek: week, monthlyWeekDay: weekday } = recurrence;
  if (week === undefined || weekday === undefined) {
    const day = recurrence.monthlyDay ?? first.day;
    return day <= length ? day : undefined;
  }

  const firstWeekday = new Date(Date.UTC(year, month, 1)).getUTCDay() + 1;
  const firstMatch = 1 + ((weekday - firstWeekday + 7) % 7);
  if (week > 0) return firstMatch + (week - 1) * 7;
  return firstMatch + Math.floor((length - firstMatch) / 7) * 7;
}
