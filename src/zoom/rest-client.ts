import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import {
  type GatewayError,
  ZoomApiError,
  ZoomNotFoundError,
  ZoomRateLimitedError,
} from '../errors.js';
import { parseZoomJson } from './zoom-json.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One call to Zoom's REST API, relative to the API base (`/meetings/123`). */
export interface ZoomCall {
  method: HttpMethod;
  /** Already percent-encoded, starting with `/`; may carry a query string. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

/** Zoom's answer, whatever its status. */
export interface ZoomAnswer {
  status: number;
  ok: boolean;
  /** Parsed JSON (64-bit integers as strings), or undefined for an empty body. */
  body: unknown;
  /** Zoom's `x-zm-trackingid`, which its support asks for. */
  trackingId: string | undefined;
  /** Seconds until a rate-limited call may be tried again. */
  retryAfter: number | undefined;
  /** A 429 for a daily limit, which no retry within this call can help. */
  dailyLimit?: boolean;
}

/** How the REST client reaches Zoom and how patient it is. */
export interface RestClientOptions {
  /** Zoom's API base, `https://api.zoom.us/v2` unless the sandbox stands in. */
  apiUrl: string;
  /** Abort one attempt after this long; default 10 s. */
  timeoutMs?: number;
  /** Retries after the first attempt; default 3. */
  maxRetries?: number;
  /** The longest the client waits in all between attempts; default 10 s. */
  maxRetryWaitMs?: number;
  log: Logger;
}

/** Methods Zoom applies idempotently: safe to send again after a failure on the way back. */
const IDEMPOTENT = new Set<HttpMethod>(['GET', 'PUT', 'PATCH', 'DELETE']);

/** Seconds until `Retry-After`, which Zoom sends as seconds or, for daily limits, as a date. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Seconds until the next 00:00 UTC, when Zoom's daily limits reset. */
function untilUtcMidnight(now: number): number {
  const midnight = new Date(now);
  midnight.setUTCHours(24, 0, 0, 0);
  return Math.ceil((midnight.getTime() - now) / 1000);
}

/**
 * A daily limit: waiting is pointless. Zoom marks it in `X-RateLimit-Type` or only in the
 * message text, so both are read.
 */
function isDailyLimit(headers: Headers, body: unknown): boolean {
  if (/daily/i.test(headers.get('x-ratelimit-type') ?? '')) return true;
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && /daily/i.test(message);
}

/**
 * Maps a failed answer to the gateway's error for it, keeping Zoom's code, message and id. A
 * POST that failed on Zoom's side may still have been applied, so it is never called retryable.
 */
export function zoomError(answer: ZoomAnswer, method: HttpMethod): GatewayError {
  const { code, message } = (answer.body ?? {}) as { code?: unknown; message?: unknown };
  const details = {
    status: answer.status,
    zoomCode: typeof code === 'number' ? code : undefined,
    zoomMessage: typeof message === 'string' ? message : undefined,
    trackingId: answer.trackingId,
  };
  if (answer.status === 429) return new ZoomRateLimitedError(answer.retryAfter, details);
  if (answer.status === 404 || code === 3001) {
    return new ZoomNotFoundError(
      details.zoomMessage ?? 'Zoom could not find this resource',
      details,
    );
  }
  const text = details.zoomMessage
    ? `Zoom: ${details.zoomMessage}`
    : `Zoom answered ${answer.status}`;
  return new ZoomApiError(text, details, answer.status >= 500 && method !== 'POST');
}

/** A POST whose answer never came: Zoom may have applied it, so the caller must look first. */
function outcomeUnknown(): ZoomApiError {
  return new ZoomApiError(
    'Zoom did not answer; the change may have been made, so check before trying again',
  );
}

/** Zoom's REST API over HTTP: timeouts, bounded retries with jitter, and JSON without loss. */
export class ZoomRestClient {
  private readonly options: Required<Omit<RestClientOptions, 'log'>>;
  private readonly log: Logger;

  constructor(options: RestClientOptions) {
    this.options = {
      apiUrl: options.apiUrl.replace(/\/$/, ''),
      timeoutMs: options.timeoutMs ?? 10_000,
      maxRetries: options.maxRetries ?? 3,
      maxRetryWaitMs: options.maxRetryWaitMs ?? 10_000,
    };
    this.log = options.log;
  }

  /** The API base this client calls. */
  get apiUrl(): string {
    return this.options.apiUrl;
  }

  /** Sends a call with the access token, retrying what is safe to retry. */
  async send(call: ZoomCall, accessToken: string): Promise<ZoomAnswer> {
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(call, accessToken).catch((error: Error) => error);
      const delay = this.retryDelay(call, outcome, attempt, waited);
      if (delay === undefined) {
        if (!(outcome instanceof Error)) return outcome;
        if (call.method === 'POST' && outcome instanceof ZoomApiError && outcome.retryable) {
          throw outcomeUnknown();
        }
        throw outcome;
      }
      this.log.debug({ method: call.method, attempt, delay }, 'zoom call retried');
      await new Promise((resolve) => setTimeout(resolve, delay));
      waited += delay;
    }
  }

  /** Milliseconds to wait before trying again, or undefined to stop here. */
  private retryDelay(
    call: ZoomCall,
    outcome: ZoomAnswer | Error,
    attempt: number,
    waited: number,
  ): number | undefined {
    if (attempt >= this.options.maxRetries) return undefined;
    const backoff = 200 * 2 ** attempt + randomInt(100);

    let delay: number | undefined;
    if (outcome instanceof Error) {
      // A POST that may have reached Zoom is never sent twice: it could create a second meeting.
      if (!(outcome instanceof ZoomApiError && outcome.retryable) || !IDEMPOTENT.has(call.method)) {
        return undefined;
      }
      delay = backoff;
    } else if (outcome.status === 429) {
      if (outcome.dailyLimit) return undefined;
      delay =
        outcome.retryAfter === undefined ? backoff : outcome.retryAfter * 1000 + randomInt(100);
    } else if (outcome.status >= 500 && IDEMPOTENT.has(call.method)) {
      delay = backoff;
    }
    if (delay === undefined || waited + delay > this.options.maxRetryWaitMs) return undefined;
    return delay;
  }

  private async attempt(call: ZoomCall, accessToken: string): Promise<ZoomAnswer> {
    const url = new URL(this.options.apiUrl + call.path);
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }

    let response: Response;
    try {
      response = await fetch(url, {
        method: call.method,
        headers: {
          authorization: `Bearer ${accessToken}`,
          accept: 'application/json',
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch {
      throw new ZoomApiError('Zoom could not be reached; try again shortly', {}, true);
    }

    const trackingId = response.headers.get('x-zm-trackingid') ?? undefined;
    const text = await response.text().catch(() => '');
    const answer: ZoomAnswer = {
      status: response.status,
      ok: response.ok,
      body: undefined,
      trackingId,
      retryAfter: retryAfterSeconds(response.headers.get('retry-after')),
    };
    if (text.trim()) {
      try {
        answer.body = parseZoomJson(text);
      } catch {
        if (response.ok) {
          throw new ZoomApiError('Zoom answered with a body that is not JSON', {
            status: response.status,
            trackingId,
          });
        }
      }
    }
    if (response.status === 429 && isDailyLimit(response.headers, answer.body)) {
      answer.dailyLimit = true;
      answer.retryAfter ??= untilUtcMidnight(Date.now());
    }
    return answer;
  }
}
