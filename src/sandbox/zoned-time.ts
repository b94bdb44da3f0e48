/** A wall-clock reading in some timezone; `weekday` is Zoom's 1 (Sunday) to 7 (Saturday). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const START_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z)?$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, format);
  }
  return format;
}

/** True for a timezone id that Intl knows, such as `America/Los_Angeles` or `UTC`. */
export function isTimeZone(timezone: string): boolean {
  try {
    formatter(timezone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timezone` at an instant. */
export function wallClock(instant: number, timezone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatter(timezone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
  return { year, month, day, hour, minute, second, weekday };
}

type Clock = Omit<WallClock, 'weekday'>;

function asUtc(clock: Clock): number {
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
}

function offsetAt(instant: number, timezone: string): number {
  return asUtc(wallClock(instant, timezone)) - Math.floor(instant / 1000) * 1000;
}

/** The instant a wall-clock time in `timezone` names (the later one in a DST gap). */
export function fromWallClock(clock: Clock, timezone: string): number {
  const naive = asUtc(clock);
  const guess = naive - offsetAt(naive, timezone);
  return naive - offsetAt(guess, timezone);
}

function readClock(match: RegExpExecArray): Clock {
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = match
    .slice(1, 7)
    .map(Number);
  return { year, month, day, hour, minute, second };
}

/** True for `yyyy-MM-ddTHH:mm:ss` with an optional fraction and `Z`, naming a real date. */
export function isStartTime(text: string): boolean {
  const match = START_TIME.exec(text);
  if (!match) return false;

  const clock = readClock(match);
  const date = new Date(asUtc(clock));
  return (
    date.getUTCMonth() + 1 === clock.month &&
    date.getUTCDate() === clock.day &&
    date.getUTCHours() === clock.hour &&
    date.getUTCMinutes() === clock.minute &&
    date.getUTCSeconds() === clock.second
  );
}

/** Reads a valid start time: with `Z` as UTC, without it as wall-clock time in `timezone`. */
export function parseStartTime(text: string, timezone: string): number {
  const match = START_TIME.exec(text);
  if (!match) throw new RangeError(`not a start time: ${text}`);

  const clock = readClock(match);
  return match[8] === 'Z' ? asUtc(clock) : fromWallClock(clock, timezone);
}

/** Zoom's UTC format, `yyyy-MM-ddTHH:mm:ssZ`, without milliseconds. */
export function formatUtc(instant: number): string {
  return `${new Date(instant).toISOString().slice(0, 19)}Z`;
}
