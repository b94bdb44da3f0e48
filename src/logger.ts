import { createHash } from 'node:crypto';
import pino, { type Logger } from 'pino';

/**
 * Every path where a token, secret or OAuth code could sit in a log object. pino replaces
 * them before a line is written, so a careless `log.info({ grant })` still leaks nothing.
 */
const REDACT = [
  'authorization',
  'headers.authorization',
  'headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  '*.access_token',
  '*.refresh_token',
  '*.accessToken',
  '*.refreshToken',
  '*.clientSecret',
  '*.client_secret',
  '*.code',
  '*.state',
  '*.token',
  '*.secret',
  '*.password',
  'access_token',
  'refresh_token',
  'accessToken',
  'refreshToken',
  'code',
  'state',
  'token',
  'secret',
  'password',
];

/** The gateway's logger: JSON lines on stdout (or `destination`), secrets redacted. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}

/** A stable, non-reversible tag for a member in logs: the first 12 hex of a SHA-256. */
export function memberTag(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 12);
}
