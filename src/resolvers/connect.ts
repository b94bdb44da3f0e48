import type { GatewayContext } from '../context.js';
import type { Redeemer } from '../zoom/connector.js';
import { actingEmail, memberEmail } from './access.js';

/** `authorizeUser` of the old package: the consent URL to send the member to. */
export function zoomAuthorizeUrl(ctx: GatewayContext, options: unknown): Promise<string> {
  return ctx.services.connector.authorizeUrl(memberEmail(ctx), options);
}

/** `initZoom`/`createToken`: redeems the code and state Zoom sent back. */
export async function connectZoom(ctx: GatewayContext, code: string, state: string) {
  const redeemer: Redeemer =
    ctx.identity.kind === 'backend'
      ? { kind: 'backend' }
      : { kind: 'member', email: memberEmail(ctx) };
  const result = await ctx.services.connector.connect(redeemer, code, state);
  return { success: true, state: result };
}

/** Revokes the member's tokens at Zoom and removes the connection. */
export function disconnectZoom(ctx: GatewayContext, userEmail?: string | null): Promise<boolean> {
  return ctx.services.tokens.disconnect(actingEmail(ctx, userEmail));
}
