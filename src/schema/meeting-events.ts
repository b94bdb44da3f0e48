import type { MeetingEvent } from '../events.js';
import * as resolvers from '../resolvers/meeting-events.js';
import { builder } from './builder.js';

const MeetingEventType = builder.objectRef<MeetingEvent>('MeetingEvent').implement({
  description: "A change to a meeting, as Zoom's webhooks reported it.",
  fields: (t) => ({
    event: t.exposeString('event', { description: 'Zoom\'s event name, e.g. "meeting.started".' }),
    meetingId: t.exposeID('meetingId'),
    uuid: t.exposeString('uuid', { nullable: true }),
    hostId: t.exposeString('hostId', { nullable: true }),
    topic: t.exposeString('topic', { nullable: true }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
    zoom: t.expose('object', { type: 'JSON', description: "Zoom's `payload.object`." }),
  }),
});

builder.subscriptionType({});

builder.subscriptionField('meetingEvents', (t) =>
  t.field({
    type: MeetingEventType,
    authScopes: { authenticated: true },
    args: { meetingId: t.arg.id(), userEmail: t.arg.string() },
    subscribe: (_root, args, ctx) =>
      resolvers.meetingEvents(ctx, args.meetingId ? String(args.meetingId) : null, args.userEmail),
    resolve: (event) => event,
  }),
);
