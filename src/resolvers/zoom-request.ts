import type { GatewayContext } from '../context.js';
import { BadUserInputError } from '../errors.js';
import { resolveApiPath } from '../zoom/api-path.js';
import { type HttpMethod, zoomError } from '../zoom/rest-client.js';
import { actingEmail } from './access.js';

/**
 * `getRequest`/`postRequest`/`patchRequest`/`deleteRequest` of the old package: any call
 * under the Zoom API for the member. Zoom's 4xx answers (429 included) come back as data.
 */
export async function zoomRequest(
  ctx: GatewayContext,
  args: { method: HttpMethod; url: string; body?: unknown; userEmail?: string | null },
) {
  const email = actingEmail(ctx, args.userEmail);
  const path = resolveApiPath(args.url, ctx.services.zoom.apiUrl);
  const sendsBody = args.method === 'POST' || args.method === 'PATCH' || args.method === 'PUT';
  if (args.body != null && !sendsBody) {
    throw new BadUserInputError(`body is not sent with ${args.method}`, 'body');
  }

  const answer = await ctx.services.zoom.request(email, {
    method: args.method,
    path,
    body: sendsBody ? (args.body ?? undefined) : undefined,
  });
  // Zoom's refusals are the caller's to read; its outages are errors like everywhere else.
  if (answer.status >= 500) throw zoomError(answer, args.method);
  return {
    status: answer.status,
    ok: answer.ok,
    body: answer.body ?? null,
    retryAfter: answer.retryAfter ?? null,
    trackingId: answer.trackingId ?? null,
  };
}
