import {
  DEFAULT_SETTINGS,
  type MeetingInput,
  type MeetingType,
  type TrackingField,
} from './meeting-input.js';
import { meetingUuid, passcode, randomDigits, randomToken } from './random-ids.js';
import { occurrenceStarts, type Recurrence } from './recurrence.js';
import { parseStartTime } from './zoned-time.js';
import type { ZoomUser } from './zoom-users.js';

/** One occurrence of a type 8 meeting; its id is its first start in epoch milliseconds. */
export interface Occurrence {
  id: string;
  startTime: number;
  /** Set only once this occurrence alone was given a duration. */
  duration?: number;
  deleted: boolean;
}

/** A meeting as the sandbox holds it; `id` is the decimal meeting number, never a JS number. */
export interface Meeting {
  id: string;
  uuid: string;
  hostId: string;
  hostEmail: string;
  topic: string;
  type: MeetingType;
  status: 'waiting' | 'started';
  startTime?: number;
  duration: number;
  timezone: string;
  agenda: string;
  createdAt: number;
  password: string;
  numericPassword: string;
  encryptedPassword: string;
  startToken: string;
  preSchedule: boolean;
  settings: Record<string, unknown>;
  recurrence?: Recurrence;
  occurrences: Occurrence[];
  trackingFields: TrackingField[];
}

/** Every meeting of every Zoom user, by meeting number and by UUID. */
export class MeetingStore {
  private readonly byId = new Map<string, Meeting>();
  private readonly byUuid = new Map<string, Meeting>();

  get size(): number {
    return this.byId.size;
  }

  get(id: string): Meeting | undefined {
    return this.byId.get(id);
  }

  getByUuid(uuid: string): Meeting | undefined {
    return this.byUuid.get(uuid);
  }

  /** True when a seeded id or UUID would clash with an existing meeting. */
  taken(id: string | undefined, uuid: string | undefined): boolean {
    return (id !== undefined && this.byId.has(id)) || (uuid !== undefined && this.byUuid.has(uuid));
  }

  /** A host's meetings in the order they were created. */
  ofHost(hostId: string): Meeting[] {
    return [...this.byId.values()].filter((meeting) => meeting.hostId === hostId);
  }

  /** Creates a meeting from checked input; `id` and `uuid` are drawn unless seeded. */
  create(
    host: ZoomUser,
    input: MeetingInput,
    now: number,
    seed: { id?: string; uuid?: string } = {},
  ): Meeting {
    const meeting: Meeting = {
      id: seed.id ?? this.freshId(),
      uuid: seed.uuid ?? this.freshUuid(),
      hostId: host.id,
      hostEmail: host.email,
      topic: 'Zoom meeting',
      type: 2,
      status: 'waiting',
      duration: 60,
      timezone: host.timezone,
      agenda: '',
      createdAt: now,
      password: '',
      numericPassword: '',
      encryptedPassword: '',
      startToken: randomToken(24),
      preSchedule: false,
      settings: { ...DEFAULT_SETTINGS },
      occurrences: [],
      trackingFields: [],
    };
    applyInput(meeting, { ...input, password: input.password ?? passcode() }, now);

    this.byId.set(meeting.id, meeting);
    this.byUuid.set(meeting.uuid, meeting);
    return meeting;
  }

  delete(meeting: Meeting): void {
    this.byId.delete(meeting.id);
    this.byUuid.delete(meeting.uuid);
  }

  private freshId(): string {
    for (;;) {
      const id = randomDigits(11);
      if (!this.byId.has(id)) return id;
    }
  }

  private freshUuid(): string {
    for (;;) {
      const uuid = meetingUuid();
      if (!this.byUuid.has(uuid)) return uuid;
    }
  }
}

/** Applies checked input to a meeting, then derives start time and occurrences again. */
export function applyInput(meeting: Meeting, input: MeetingInput, now: number): void {
  if (input.topic !== undefined) meeting.topic = input.topic;
  if (input.type !== undefined) meeting.type = input.type;
  if (input.duration !== undefined) meeting.duration = input.duration;
  if (input.timezone !== undefined) meeting.timezone = input.timezone;
  if (input.agenda !== undefined) meeting.agenda = input.agenda;
  if (input.preSchedule !== undefined) meeting.preSchedule = input.preSchedule;
  if (input.settings !== undefined) Object.assign(meeting.settings, input.settings);
  if (input.trackingFields !== undefined) meeting.trackingFields = input.trackingFields;
  if (input.recurrence !== undefined) meeting.recurrence = input.recurrence;
  if (input.password !== undefined) setPassword(meeting, input.password);
  if (input.startTime !== undefined) {
    meeting.startTime = parseStartTime(input.startTime, meeting.timezone);
  }

  // Zoom gives instant meetings the creation time, and type 3 meetings no time at all.
  if (meeting.type === 1) meeting.startTime = meeting.createdAt;
  else if (meeting.type === 3) meeting.startTime = undefined;
  else meeting.startTime ??= now;

  if (meeting.type !== 8) meeting.recurrence = undefined;
  meeting.occurrences = deriveOccurrences(meeting);
}

function setPassword(meeting: Meeting, password: string): void {
  meeting.password = password;
  meeting.numericPassword = password === '' ? '' : randomDigits(6);
  meeting.encryptedPassword = password === '' ? '' : randomToken(24);
}

// Occurrences keep their deleted mark and per-occurrence changes while their start stays put.
function deriveOccurrences(meeting: Meeting): Occurrence[] {
  const { recurrence, startTime } = meeting;
  if (!recurrence || startTime === undefined) return [];

  const previous = new Map(meeting.occurrences.map((occurrence) => [occurrence.id, occurrence]));
  return occurrenceStarts(startTime, meeting.timezone, recurrence).map((start) => {
    const id = String(start);
    const kept = previous.get(id);
    return kept ?? { id, startTime: start, deleted: false };
  });
}
