import { type GatewayContext, meetingKey } from '../context.js';
import { BadUserInputError } from '../errors.js';
import type { MeetingInput } from '../zoom/meeting-input.js';
import type { DeleteOptions, ZoomMeeting } from '../zoom/meetings.js';
import { idString } from '../zoom/zoom-json.js';
import { actingEmail } from './access.js';

const MAX_PAGE_SIZE = 300;

/** `getMeeting`: one meeting, loaded once per request however often it is asked for. */
export function meeting(
  ctx: GatewayContext,
  id: string,
  userEmail?: string | null,
): Promise<ZoomMeeting> {
  const email = actingEmail(ctx, userEmail);
  return ctx.loaders.meeting.load(meetingKey(email, id));
}

/** A page of the member's scheduled meetings; the cursor is Zoom's page token. */
export async function meetings(
  ctx: GatewayContext,
  args: { userEmail?: string | null; first?: number | null; after?: string | null },
) {
  const email = actingEmail(ctx, args.userEmail);
  const first = args.first ?? 30;
  if (first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  if (args.after && !/^[A-Za-z0-9._~-]{1,256}$/.test(args.after)) {
    throw new BadUserInputError('after is not a cursor from this list', 'after');
  }

  const page = await ctx.services.meetings.list(email, first, args.after ?? undefined);
  return {
    nodes: page.meetings,
    totalCount: page.totalRecords,
    pageInfo: { hasNextPage: Boolean(page.nextPageToken), endCursor: page.nextPageToken ?? null },
  };
}

/** `createMeeting`: a new meeting in the member's Zoom account. */
export function createMeeting(
  ctx: GatewayContext,
  input: MeetingInput | null | undefined,
  userEmail?: string | null,
): Promise<ZoomMeeting> {
  return ctx.services.meetings.create(actingEmail(ctx, userEmail), input);
}

/** Changes a meeting and answers with it as it now is. */
export function updateMeeting(
  ctx: GatewayContext,
  id: string,
  input: MeetingInput,
  userEmail?: string | null,
): Promise<ZoomMeeting> {
  const email = actingEmail(ctx, userEmail);
  ctx.loaders.meeting.clear(meetingKey(email, id));
  return ctx.services.meetings.update(email, id, input);
}

/** `deleteMeeting`: removes a meeting or one occurrence of it. */
export async function deleteMeeting(
  ctx: GatewayContext,
  id: string,
  options: DeleteOptions & { userEmail?: string | null },
) {
  const email = actingEmail(ctx, options.userEmail);
  await ctx.services.meetings.delete(email, id, options);
  ctx.loaders.meeting.clear(meetingKey(email, id));
  return { success: true, id: idString(id), occurrenceId: options.occurrenceId ?? null };
}
