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
  const member = ctx.identity.kind === 'member' || userEmail ? actingEmail(ctx, userEmail) : null;
  const hostOf = () => (member ? ctx.services.connector.zoomUserId(member) : null);
  if (member && !(await hostOf())) throw new ZoomNotConnectedError();

  // Who the member is at Zoom is read again for every event: after a disconnect or a
  // reconnect as another Zoom user, the old account's meetings must stop reaching them.
  return pipe(
    ctx.services.bus.subscribe('meetingEvent'),
    filter(async (event: MeetingEvent) => {
      if (meetingId && event.meetingId !== meetingId) return false;
      if (!member) return true;
      const hostId = await hostOf();
      return Boolean(hostId) && event.hostId === hostId;
    }),
  );
}
