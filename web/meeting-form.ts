import type { MeetingInput } from './gql/graphql.js';

/** The schedule form as plain values; it travels through Zoom as the connect `options`. */
export interface MeetingDraft {
  topic: string;
  /** A `datetime-local` value in the member's own time zone, e.g. `2030-01-31T09:00`. */
  start: string;
  duration: string;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The next full hour in local time, as a `datetime-local` value. */
export function nextFullHour(now = new Date()): string {
  const next = new Date(now);
  next.setHours(now.getHours() + 1, 0, 0, 0);
  const date = `${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}`;
  return `${date}T${pad(next.getHours())}:00`;
}

/** What the member has typed so far. */
export function readDraft(form: HTMLFormElement): MeetingDraft {
  const data = new FormData(form);
  return {
    topic: String(data.get('topic') ?? ''),
    start: String(data.get('start') ?? ''),
    duration: String(data.get('duration') ?? ''),
  };
}

/** Puts back a draft that came back from Zoom; anything that is not a draft is ignored. */
export function restoreDraft(form: HTMLFormElement, options: unknown): void {
  if (typeof options !== 'object' || options === null) return;
  const draft = options as Partial<Record<keyof MeetingDraft, unknown>>;
  for (const name of ['topic', 'start', 'duration'] as const) {
    const input = form.elements.namedItem(name);
    const value = draft[name];
    if (input instanceof HTMLInputElement && typeof value === 'string') input.value = value;
  }
}

/** The createMeeting input for a draft; empty fields are left to the gateway's defaults. */
export function toMeetingInput(draft: MeetingDraft): MeetingInput {
  const input: MeetingInput = {};
  if (draft.topic.trim()) input.topic = draft.topic.trim();
  if (draft.start) input.startTime = new Date(draft.start).toISOString();
  if (draft.duration) input.duration = Number(draft.duration);
  return input;
}
