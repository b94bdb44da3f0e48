import type { GatewayContext } from '../context.js';
import type { ConnectionStatus } from '../zoom/token-service.js';
import { actingEmail, type MemberValidation, validateMember } from './access.js';

/** The signed-in member, or null for backends and anonymous callers. */
export function viewer(ctx: GatewayContext): { email: string } | null {
  return ctx.identity.kind === 'member' ? { email: ctx.identity.email } : null;
}

/** `isValidUser` of the old package: may the caller act for this email? */
export function checkMember(ctx: GatewayContext, userEmail: string): MemberValidation {
  return validateMember(ctx, userEmail);
}

/** The member's connection status; `isTokenExpired` lives on as its `expired` field. */
export function zoomConnection(
  ctx: GatewayContext,
  userEmail?: string | null,
): Promise<ConnectionStatus> {
  return ctx.services.tokens.status(actingEmail(ctx, userEmail));
}
