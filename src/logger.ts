import { createHash } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { GatewayError } from './errors.js';

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

/**
 * Whether an error is the caller's doing or an answer: one of the gateway's own errors, or a
 * GraphQL error (a bad variable, an unknown field) that wraps no fault of the server.
 */
function isExpected(error: unknown): boolean {
  for (let current = error; current instanceof Error; ) {
    if (current instanceof GatewayError) return true;
    const inner = (current as { originalError?: unknown }).originalError;
    if (current.name === 'GraphQLError' && !inner) return true;
    current = inner;
  }
  return false;
}

/** An expected error's code alone: its message may quote what the caller sent. */
function codeOf(error: unknown): unknown {
  if (error instanceof GatewayError) return error.code;
  return (error as { extensions?: { code?: unknown } })?.extensions?.code;
}

/**
 * The logger yoga writes to. Yoga reports every error it masks at error level; the gateway's
 * own errors (a meeting not found, a bad argument) are answers, not faults, so they go to debug
 * and only the unexpected stay at error, in full.
 */
export function yogaLogger(log: Logger) {
  const child = log.child({ component: 'yoga' });
  return {
    debug: (...args: unknown[]) => child.debug(args.map(String).join(' ')),
    info: (...args: unknown[]) => child.info(args.map(String).join(' ')),
    warn: (...args: unknown[]) => child.warn(args.map(String).join(' ')),
    error: (...args: unknown[]) => {
      const [first] = args;
      if (isExpected(first)) child.debug({ code: codeOf(first) }, 'request failed');
      else child.error({ err: first }, 'unexpected error');
    },
  };
}
