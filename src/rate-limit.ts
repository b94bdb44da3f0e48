import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { GatewayContext } from './context.js';

/** The outcome of taking one token from a caller's bucket. */
export interface Take {
  allowed: boolean;
  /** Seconds until a token is back, when refused. */
  retryAfter: number;
}

/** A token bucket per key: `burst` tokens, refilled at `perMinute`. */
export interface RateLimiter {
  take(key: string): Promise<Take>;
  close(): Promise<void>;
}

/** Buckets in this process's memory; the default for one instance. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
  ) {}

  async take(key: string): Promise<Take> {
    const now = Date.now();
    const rate = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);

    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfter: 0 };
    }
    return { allowed: false, retryAfter: Math.ceil((1 - bucket.tokens) / rate / 1000) };
  }

  async close(): Promise<void> {}
}

// Refill and take in one atomic step, so that every gateway sharing Redis sees one bucket.
const TAKE_SCRIPT = `
local tokens = tonumber(redis.call('HGET', KEYS[1], 't') or ARGV[2])
local at = tonumber(redis.call('HGET', KEYS[1], 'a') or ARGV[3])
local rate = tonumber(ARGV[1])
tokens = math.min(tonumber(ARGV[2]), tokens + (tonumber(ARGV[3]) - at) * rate)
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'a', ARGV[3])
redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2]) / rate) + 1000)
return {allowed, tostring(tokens)}
`;

/** Buckets in Redis, shared by every gateway instance (`REDIS_URL`). */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly perMinute: number,
    private readonly burst: number,
    log: Logger,
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1 });
    this.redis.on('error', (error: Error) => log.warn({ err: error.message }, 'redis error'));
  }

  async take(key: string): Promise<Take> {
    const rate = this.perMinute / 60_000;
    const [allowed, tokens] = (await this.redis.eval(
      TAKE_SCRIPT,
      1,
      `ratelimit:${key}`,
      String(rate),
      String(this.burst),
      String(Date.now()),
    )) as [number, string];
    if (allowed === 1) return { allowed: true, retryAfter: 0 };
    return { allowed: false, retryAfter: Math.ceil((1 - Number(tokens)) / rate / 1000) };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

/** The bucket a request draws from: its member, its API key, or its address. */
function bucketKey(context: GatewayContext, address: string | undefined): string {
  const { identity } = context;
  if (identity.kind === 'member') return `member:${identity.email}`;
  if (identity.kind === 'backend') return `key:${identity.keyId}`;
  return `address:${address ?? 'unknown'}`;
}

/** Answers `RATE_LIMITED` (HTTP 429 with `Retry-After`) when the caller's bucket is empty. */
export function useRateLimit(limiter: RateLimiter): Plugin {
  const check = async (
    contextValue: unknown,
    stop: (result: { errors: ReturnType<typeof createGraphQLError>[] }) => void,
  ) => {
    const context = contextValue as GatewayContext & {
      req?: { socket?: { remoteAddress?: string } };
    };
    const { allowed, retryAfter } = await limiter.take(
      bucketKey(context, context.req?.socket?.remoteAddress),
    );
    if (allowed) return;
    stop({
      errors: [
        createGraphQLError(`Too many requests; try again in ${retryAfter} s`, {
          extensions: {
            code: 'RATE_LIMITED',
            retryAfter,
            http: { status: 429, headers: { 'retry-after': String(retryAfter) } },
          },
        }),
      ],
    });
  };
  return {
    onExecute: ({ args, setResultAndStopExecution }) =>
      check(args.contextValue, setResultAndStopExecution),
    onSubscribe: ({ args, setResultAndStopExecution }) =>
      check(args.contextValue, setResultAndStopExecution),
  };
}
