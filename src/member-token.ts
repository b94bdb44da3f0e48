import { SignJWT } from 'jose';

/**
 * Signs a member token (HS256, `email` claim) as a site backend would; for development, the
 * demo member and tests. Default lifetime: 12 hours.
 */
export function signMemberToken(secret: string, email: string, ttlSeconds = 12 * 3600) {
  return new SignJWT({ email })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(email)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
