import type { GatewayContext } from '../context.js';
import { BadUserInputError, ForbiddenError, UnauthenticatedError } from '../errors.js';
import { isEmail, normalizeEmail } from '../store/types.js';

/** The outcome of checking a caller against an email, in the old package's words. */
export interface MemberValidation {
  valid: boolean;
  reason: string | null;
}

/** Whether the caller may act for `userEmail`: members only for themselves, backends for anyone. */
export function validateMember(ctx: GatewayContext, userEmail: string): MemberValidation {
  const { identity } = ctx;
  if (identity.kind === 'backend') return { valid: true, reason: null };
  if (identity.kind === 'anonymous') return { valid: false, reason: 'Member is not logged in' };
  if (normalizeEmail(userEmail) !== identity.email) {
    return { valid: false, reason: 'Email addresses do not match' };
  }
  return { valid: true, reason: null };
}

/**
 * The member a call acts for. A member acts for themselves (naming another email is
 * FORBIDDEN); a backend must name the member.
 */
export function actingEmail(ctx: GatewayContext, userEmail?: string | null): string {
  const { identity } = ctx;
  if (identity.kind === 'anonymous') throw new UnauthenticatedError(identity.problem);
  if (identity.kind === 'backend') {
    if (!userEmail || !isEmail(normalizeEmail(userEmail))) {
      throw new BadUserInputError(
        'userEmail is required when calling with an API key',
        'userEmail',
      );
    }
    return normalizeEmail(userEmail);
  }
  if (userEmail && normalizeEmail(userEmail) !== identity.email) throw new ForbiddenError();
  return identity.email;
}

/** The calling member's email; backends and anonymous callers are refused. */
export function memberEmail(ctx: GatewayContext): string {
  const { identity } = ctx;
  if (identity.kind === 'member') return identity.email;
  if (identity.kind === 'backend') {
    throw new ForbiddenError('Only a signed-in member can start connecting their own Zoom account');
  }
  throw new UnauthenticatedError(identity.problem);
}
