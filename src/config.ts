import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Variables that hold secrets; each may instead name a file in `NAME_FILE`. */
const SECRET_NAMES = [
  'ZOOM_CLIENT_SECRET',
  'ZOOM_WEBHOOK_SECRET_TOKEN',
  'MONGODB_URI',
  'MEMBER_JWT_SECRET',
  'ADMIN_API_KEYS',
  'STATE_SECRET',
  'TOKEN_ENCRYPTION_KEY',
  'REDIS_URL',
] as const;

const port = z.coerce
  .number({ error: 'must be a port number, 0 to 65535' })
  .int('must be a port number, 0 to 65535')
  .min(0, 'must be a port number, 0 to 65535')
  .max(65535, 'must be a port number, 0 to 65535');
const count = z.coerce
  .number({ error: 'must be a positive whole number' })
  .int('must be a positive whole number')
  .positive('must be a positive whole number');
const url = z.url({ protocol: /^https?$/ });
const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);
const flag = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => /^(on|true|1)$/.test(v));
const encryptionKey = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes in base64');

const schema = z.object({
  PORT: port.default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: url.optional(),
  ZOOM_CLIENT_ID: z.string().min(1).optional(),
  ZOOM_CLIENT_SECRET: z.string().min(1).optional(),
  ZOOM_REDIRECT_URI: url.optional(),
  ZOOM_RETURN_URL: url.optional(),
  ZOOM_OAUTH_URL: url.default('https://zoom.us'),
  ZOOM_API_URL: url.default('https://api.zoom.us/v2'),
  ZOOM_WEBHOOK_SECRET_TOKEN: z.string().min(1).optional(),
  SANDBOX_PORT: port.optional(),
  SANDBOX_TOKEN_TTL: count.default(3599),
  SANDBOX_LATENCY_MS: z.coerce
    .number({ error: 'must be a whole number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(0, 'must be a whole number of milliseconds')
    .default(0),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URI')
    .optional(),
  MONGODB_DB: z.string().min(1).default('zoomGateway'),
  DATA_DIR: z.string().min(1).default('./data'),
  MEMBER_JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  MEMBER_JWKS_URL: url.optional(),
  ADMIN_API_KEYS: list
    .pipe(z.array(z.string().min(16, 'each key needs 16+ characters')))
    .optional(),
  STATE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  TOKEN_ENCRYPTION_KEY: encryptionKey.optional(),
  CORS_ORIGINS: list.pipe(z.array(url)).optional(),
  GRAPHIQL: flag.optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  GRAPHQL_MAX_DEPTH: count.default(10),
  GRAPHQL_MAX_ALIASES: count.default(30),
  GRAPHQL_MAX_COST: count.default(25000),
  GRAPHQL_MAX_TOKENS: count.default(2000),
  GRAPHQL_MAX_DIRECTIVES: count.default(20),
  MAX_BODY_BYTES: count.default(102_400),
  INTROSPECTION: flag.optional(),
  RATE_LIMIT_PER_MINUTE: count.default(600),
  RATE_LIMIT_BURST: count.default(100),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Everything the gateway reads from its environment, validated once at start-up. */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  /** True when no Zoom app is configured: the gateway runs against the local sandbox. */
  sandbox: boolean;
  sandboxPort: number;
  /** The sandbox's access-token lifetime and added delay, when it runs. */
  sandboxTokenTtl: number;
  sandboxLatencyMs: number;
  zoom: {
    clientId: string;
    clientSecret: string;
    redirectUri: string;
    /** Where `/oauth/callback` hands `code` and `state` on: the page that calls connectZoom. */
    returnUrl: string;
    oauthUrl: string;
    apiUrl: string;
    /** Verifies webhook signatures; webhooks are refused when unset. */
    webhookSecretToken: string | undefined;
  };
  mongo: { uri: string; db: string } | undefined;
  dataDir: string;
  member: { jwtSecret: string; jwksUrl: string | undefined; devSecret: boolean };
  adminApiKeys: string[];
  stateSecret: string;
  tokenEncryptionKey: Buffer | undefined;
  corsOrigins: string[];
  graphiql: boolean;
  /** Introspection queries; on with GraphiQL unless `INTROSPECTION` says otherwise. */
  introspection: boolean;
  /** What one GraphQL request may ask for; see graphql-armor. */
  limits: {
    depth: number;
    aliases: number;
    cost: number;
    tokens: number;
    directives: number;
    bodyBytes: number;
  };
  /** Token bucket per member and per API key: refill per minute and burst size. */
  rateLimit: { perMinute: number; burst: number };
  redisUrl: string | undefined;
  logLevel: string;
}

/** A setting that breaks a rule; its message is one line naming the variable. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function readSecrets(env: Env): Env {
  const resolved: Env = { ...env };
  for (const name of SECRET_NAMES) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name]) throw new ConfigError(`${name} and ${name}_FILE: set only one of them`);
    try {
      resolved[name] = readFileSync(file, 'utf8').trim();
    } catch {
      throw new ConfigError(`${name}_FILE: cannot read ${file}`);
    }
  }
  for (const [name, value] of Object.entries(resolved)) {
    if (value === '') resolved[name] = undefined;
  }
  return resolved;
}

function parse(env: Env): z.infer<typeof schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? 'environment');
  throw new ConfigError(`${name}: ${issue?.message ?? 'invalid value'}`);
}

/** Reads and validates the configuration; throws a ConfigError on the first bad value. */
export function loadConfig(env: Env = process.env): Config {
  const vars = parse(readSecrets(env));
  const sandbox = !vars.ZOOM_CLIENT_ID;
  if (!sandbox && !vars.ZOOM_CLIENT_SECRET) {
    throw new ConfigError('ZOOM_CLIENT_SECRET: required when ZOOM_CLIENT_ID is set');
  }
  if (sandbox && vars.ZOOM_CLIENT_SECRET) {
    throw new ConfigError('ZOOM_CLIENT_ID: required when ZOOM_CLIENT_SECRET is set');
  }
  if (vars.MEMBER_JWT_SECRET && vars.MEMBER_JWKS_URL) {
    throw new ConfigError('MEMBER_JWKS_URL: set either it or MEMBER_JWT_SECRET, not both');
  }

  const publicUrl = (vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`).replace(/\/$/, '');
  return {
    port: vars.PORT,
    host: vars.HOST,
    publicUrl,
    sandbox,
    sandboxPort: vars.SANDBOX_PORT ?? (vars.PORT === 0 ? 0 : vars.PORT + 1),
    sandboxTokenTtl: vars.SANDBOX_TOKEN_TTL,
    sandboxLatencyMs: vars.SANDBOX_LATENCY_MS,
    zoom: {
      clientId: vars.ZOOM_CLIENT_ID ?? 'sandbox-client-id',
      clientSecret: vars.ZOOM_CLIENT_SECRET ?? randomBytes(24).toString('base64url'),
      redirectUri: vars.ZOOM_REDIRECT_URI ?? `${publicUrl}/oauth/callback`,
      returnUrl: vars.ZOOM_RETURN_URL ?? `${publicUrl}${sandbox ? '/' : '/app/'}`,
      oauthUrl: vars.ZOOM_OAUTH_URL.replace(/\/$/, ''),
      apiUrl: vars.ZOOM_API_URL.replace(/\/$/, ''),
      webhookSecretToken:
        vars.ZOOM_WEBHOOK_SECRET_TOKEN ??
        (sandbox ? randomBytes(24).toString('base64url') : undefined),
    },
    mongo: vars.MONGODB_URI ? { uri: vars.MONGODB_URI, db: vars.MONGODB_DB } : undefined,
    dataDir: vars.DATA_DIR,
    member: {
      jwtSecret: vars.MEMBER_JWT_SECRET ?? randomBytes(32).toString('base64url'),
      jwksUrl: vars.MEMBER_JWKS_URL,
      devSecret: !vars.MEMBER_JWT_SECRET && !vars.MEMBER_JWKS_URL,
    },
    adminApiKeys: vars.ADMIN_API_KEYS ?? [],
    stateSecret: vars.STATE_SECRET ?? randomBytes(32).toString('base64url'),
    tokenEncryptionKey: vars.TOKEN_ENCRYPTION_KEY
      ? Buffer.from(vars.TOKEN_ENCRYPTION_KEY, 'base64')
      : undefined,
    corsOrigins: vars.CORS_ORIGINS ?? [],
    graphiql: vars.GRAPHIQL ?? sandbox,
    introspection: vars.INTROSPECTION ?? vars.GRAPHIQL ?? sandbox,
    limits: {
      depth: vars.GRAPHQL_MAX_DEPTH,
      aliases: vars.GRAPHQL_MAX_ALIASES,
      cost: vars.GRAPHQL_MAX_COST,
      tokens: vars.GRAPHQL_MAX_TOKENS,
      directives: vars.GRAPHQL_MAX_DIRECTIVES,
      bodyBytes: vars.MAX_BODY_BYTES,
    },
    rateLimit: { perMinute: vars.RATE_LIMIT_PER_MINUTE, burst: vars.RATE_LIMIT_BURST },
    redisUrl: vars.REDIS_URL,
    logLevel: vars.LOG_LEVEL,
  };
}
