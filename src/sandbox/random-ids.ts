import { randomBytes, randomInt } from 'node:crypto';

const PASSCODE_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** An opaque URL-safe secret: codes, access and refresh tokens, page tokens. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A Zoom-style user or account id: 22 URL-safe characters. */
export function zoomUserId(): string {
  return randomBytes(16).toString('base64url');
}

/** `count` random decimal digits, the first one non-zero. */
export function randomDigits(count: number): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < count) digits += String(randomInt(0, 10));
  return digits;
}

/**
 * A meeting UUID as Zoom writes it: 16 random bytes in standard base64, so about one in
 * four contains a `/`. Ones that begin with `/` or contain `//` need double encoding in a
 * path; they are never drawn here (only seeded), so that callers' tests stay deterministic.
 */
export function meetingUuid(): string {
  for (;;) {
    const uuid = randomBytes(16).toString('base64');
    if (!needsDoubleEncoding(uuid)) return uuid;
  }
}

/** True for a UUID that Zoom only finds when double-encoded in a path. */
export function needsDoubleEncoding(uuid: string): boolean {
  return uuid.startsWith('/') || uuid.includes('//');
}

/** A meeting passcode of the kind Zoom generates. */
export function passcode(length = 6): string {
  let code = '';
  while (code.length < length) code += PASSCODE_ALPHABET[randomInt(PASSCODE_ALPHABET.length)];
  return code;
}

/** A value for the `x-zm-trackingid` header. */
export function trackingId(): string {
  return `v=2.0;clid=us05;rid=WEB_${randomBytes(16).toString('hex')}`;
}
