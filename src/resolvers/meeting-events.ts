import { filter, pipe } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { ZoomNotConnectedError } from '../errors.js';
import type { MeetingEvent } from '../events.js';
import { actingEmail } from './access.js';

/**
 * Meeting events as Zoom's webhooks report them: a member hears about the meetings they host,
 * a backend about every meeting; `meetingId` narrows to one.
 */
export async function meetingEvents(
  ctx: GatewayContext,
  meetingId?: string | null,
  userEmail?: string | null,
): Promise<AsyncIterable<MeetingEvent>> {
  let hostId: string | null = null;
  if (ctx.identity.kind === 'member' || userEmail) {
    hostId = await ctx.services.connector.zoomUserId(actingEmail(ctx, userEmail));
    if (!hostId) throw new ZoomNotConnectedError();
  }

  return pipe(
    ctx.services.bus.subscribe('meetingEvent'),
    filter(
      (event: MeetingEvent) =>
        (!meetingId || event.meetingId === meetingId) && (!hostId || event.hostId === hostId),
    ),
  );
}
