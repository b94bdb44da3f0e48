import { createHash, createHmac, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { InvalidStateError } from '../errors.js';

/** What a signed OAuth `state` carries through Zoom's consent page and back. */
export interface OAuthState {
  userEmail: string;
  /** The caller's own data, returned unchanged after the round trip. */
  options: unknown;
  /** One per state; also the seed of the PKCE verifier, which never leaves the gateway. */
  nonce: string;
}

/** Default lifetime of a state: long enough to sign in to Zoom, short enough to be useless later. */
export const STATE_TTL_SECONDS = 600;

/**
 * Signs and checks OAuth states: a compact HS256 JWS over `{userEmail, options, nonce, exp}`,
 * which is URL-safe as Zoom requires.
 */
export class StateSigner {
  private readonly key: Uint8Array;
  private readonly ttlSeconds: number;

  constructor(secret: string, ttlSeconds = STATE_TTL_SECONDS) {
    this.key = new TextEncoder().encode(secret);
    this.ttlSeconds = ttlSeconds;
  }

  /** A fresh state for the member, expiring after the configured lifetime. */
  async sign(userEmail: string, options: unknown): Promise<{ state: string; nonce: string }> {
    const nonce = randomBytes(16).toString('base64url');
    const state = await new SignJWT({ opt: options ?? null })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userEmail)
      .setJti(nonce)
      .setExpirationTime(Math.floor(Date.now() / 1000) + this.ttlSeconds)
      .sign(this.key);
    return { state, nonce };
  }

  /** The state's contents; INVALID_STATE when it was altered, has expired or is not ours. */
  async verify(state: string): Promise<OAuthState> {
    try {
      const { payload } = await jwtVerify(state, this.key, { algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string') {
        throw new InvalidStateError();
      }
      return { userEmail: payload.sub, options: payload.opt ?? null, nonce: payload.jti };
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw new InvalidStateError('The Zoom sign-in link has expired; start again');
      }
      throw new InvalidStateError();
    }
  }

  /** The PKCE verifier of a state: derived from its nonce, so nothing needs storing. */
  codeVerifier(nonce: string): string {
    return createHmac('sha256', this.key).update(`pkce:${nonce}`).digest('base64url');
  }
}

/** The PKCE S256 challenge sent on the authorize URL for a verifier. */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}
