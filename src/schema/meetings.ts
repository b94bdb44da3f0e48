import * as resolvers from '../resolvers/meetings.js';
import type { MeetingInput as MeetingInputShape } from '../zoom/meeting-input.js';
import type { ZoomMeeting } from '../zoom/meetings.js';
import { idString } from '../zoom/zoom-json.js';
import { builder } from './builder.js';

const MeetingType = builder.enumType('MeetingType', {
  values: {
    INSTANT: { value: 1 },
    SCHEDULED: { value: 2 },
    RECURRING_NO_FIXED_TIME: { value: 3 },
    PERSONAL_MEETING_ROOM: { value: 4 },
    RECURRING_FIXED_TIME: { value: 8 },
    SCREEN_SHARE_ONLY: { value: 10 },
  } as const,
});

const MeetingTypeInput = builder.enumType('MeetingTypeInput', {
  values: ['INSTANT', 'SCHEDULED', 'RECURRING_NO_FIXED_TIME', 'RECURRING_FIXED_TIME'] as const,
});

type Occurrence = {
  occurrence_id: string;
  start_time?: string;
  duration?: number;
  status?: string;
};

const MeetingOccurrence = builder.objectRef<Occurrence>('MeetingOccurrence').implement({
  fields: (t) => ({
    occurrenceId: t.string({ resolve: (o) => String(o.occurrence_id) }),
    startTime: t.field({ type: 'DateTime', nullable: true, resolve: (o) => o.start_time ?? null }),
    duration: t.int({ nullable: true, resolve: (o) => o.duration ?? null }),
    status: t.string({ nullable: true, resolve: (o) => o.status ?? null }),
  }),
});

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

export const Meeting = builder.objectRef<ZoomMeeting>('Meeting').implement({
  description: "A meeting in the member's Zoom account, as Zoom has it now.",
  fields: (t) => ({
    id: t.id({
      description: "Zoom's 64-bit meeting number, as text.",
      resolve: (m) => idString(m.id),
    }),
    uuid: t.string({ nullable: true, resolve: (m) => text(m.uuid) }),
    topic: t.string({ nullable: true, resolve: (m) => text(m.topic) }),
    type: t.field({
      type: MeetingType,
      nullable: true,
      resolve: (m) => ([1, 2, 3, 4, 8, 10].includes(m.type as number) ? (m.type as 1) : null),
    }),
    status: t.string({ nullable: true, resolve: (m) => text(m.status) }),
    startTime: t.field({ type: 'DateTime', nullable: true, resolve: (m) => text(m.start_time) }),
    duration: t.int({ nullable: true, resolve: (m) => (m.duration as number) ?? null }),
    timezone: t.string({ nullable: true, resolve: (m) => text(m.timezone) }),
    agenda: t.string({ nullable: true, resolve: (m) => text(m.agenda) }),
    joinUrl: t.string({ nullable: true, resolve: (m) => text(m.join_url) }),
    startUrl: t.string({
      nullable: true,
      description:
        'A host credential that expires 2 hours after it was issued; show it to the host only.',
      resolve: (m) => text(m.start_url),
    }),
    password: t.string({ nullable: true, resolve: (m) => text(m.password) }),
    hostId: t.string({ nullable: true, resolve: (m) => text(m.host_id) }),
    hostEmail: t.string({ nullable: true, resolve: (m) => text(m.host_email) }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => text(m.created_at) }),
    settings: t.field({ type: 'JSON', nullable: true, resolve: (m) => m.settings ?? null }),
    recurrence: t.field({ type: 'JSON', nullable: true, resolve: (m) => m.recurrence ?? null }),
    occurrences: t.field({
      type: [MeetingOccurrence],
      resolve: (m) => (Array.isArray(m.occurrences) ? (m.occurrences as Occurrence[]) : []),
    }),
    zoom: t.field({
      type: 'JSON',
      description: "Zoom's whole meeting object, for fields this type leaves out.",
      resolve: (m) => m,
    }),
  }),
});

const PageInfo = builder
  .objectRef<{ hasNextPage: boolean; endCursor: string | null }>('PageInfo')
  .implement({
    fields: (t) => ({
      hasNextPage: t.exposeBoolean('hasNextPage'),
      endCursor: t.exposeString('endCursor', {
        nullable: true,
        description: "Zoom's page token: pass it as `after` within 15 minutes.",
      }),
    }),
  });

const MeetingConnection = builder
  .objectRef<{
    nodes: ZoomMeeting[];
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  }>('MeetingConnection')
  .implement({
    fields: (t) => ({
      nodes: t.expose('nodes', { type: [Meeting] }),
      totalCount: t.exposeInt('totalCount'),
      pageInfo: t.expose('pageInfo', { type: PageInfo }),
    }),
  });

const RecurrenceInput = builder.inputType('RecurrenceInput', {
  fields: (t) => ({
    type: t.field({
      type: builder.enumType('RecurrenceType', { values: ['DAILY', 'WEEKLY', 'MONTHLY'] as const }),
      required: true,
    }),
    repeatInterval: t.int(),
    weeklyDays: t.string({ description: 'Days 1 (Sunday) to 7, comma-separated.' }),
    monthlyDay: t.int(),
    endTimes: t.int(),
    endDateTime: t.string(),
  }),
});

const MeetingInput = builder.inputType('MeetingInput', {
  description: 'A meeting to create or the fields to change. Every field is optional.',
  fields: (t) => ({
    topic: t.string(),
    type: t.field({ type: MeetingTypeInput }),
    startTime: t.string({
      description: 'ISO 8601: UTC with Z, an offset, or local in `timezone`.',
    }),
    duration: t.int({ description: 'Minutes.' }),
    timezone: t.string({ description: 'IANA time zone, e.g. Europe/Paris.' }),
    agenda: t.string(),
    password: t.string(),
    defaultPassword: t.boolean(),
    recurrence: t.field({ type: RecurrenceInput }),
    settings: t.field({
      type: 'JSON',
      description: "Zoom's meeting settings, as Zoom names them.",
    }),
  }),
});

const DeleteMeetingResult = builder
  .objectRef<{ success: boolean; id: string; occurrenceId: string | null }>('DeleteMeetingResult')
  .implement({
    fields: (t) => ({
      success: t.exposeBoolean('success'),
      id: t.exposeID('id'),
      occurrenceId: t.exposeString('occurrenceId', { nullable: true }),
    }),
  });

const asInput = (input: unknown) => input as MeetingInputShape | null | undefined;

builder.queryFields((t) => ({
  meeting: t.field({
    type: Meeting,
    nullable: true,
    authScopes: { authenticated: true },
    args: { id: t.arg.id({ required: true }), userEmail: t.arg.string() },
    resolve: (_root, args, ctx) => resolvers.meeting(ctx, String(args.id), args.userEmail),
  }),
  meetings: t.field({
    type: MeetingConnection,
    authScopes: { authenticated: true },
    args: { userEmail: t.arg.string(), first: t.arg.int(), after: t.arg.string() },
    resolve: (_root, args, ctx) => resolvers.meetings(ctx, args),
  }),
}));

builder.mutationFields((t) => ({
  createMeeting: t.field({
    type: Meeting,
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: MeetingInput }), userEmail: t.arg.string() },
    resolve: (_root, args, ctx) =>
      resolvers.createMeeting(ctx, asInput(args.input), args.userEmail),
  }),
  updateMeeting: t.field({
    type: Meeting,
    authScopes: { authenticated: true },
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: MeetingInput, required: true }),
      userEmail: t.arg.string(),
    },
    resolve: (_root, args, ctx) =>
      resolvers.updateMeeting(ctx, String(args.id), asInput(args.input) ?? {}, args.userEmail),
  }),
  deleteMeeting: t.field({
    type: DeleteMeetingResult,
    authScopes: { authenticated: true },
    args: {
      id: t.arg.id({ required: true }),
      userEmail: t.arg.string(),
      occurrenceId: t.arg.string(),
      notifyHosts: t.arg.boolean({ description: 'Email the host and alternative hosts.' }),
      notifyRegistrants: t.arg.boolean({ description: 'Email the registrants.' }),
    },
    resolve: (_root, args, ctx) => resolvers.deleteMeeting(ctx, String(args.id), args),
  }),
}));
