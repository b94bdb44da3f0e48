import { createHash, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import DataLoader from 'dataloader';
import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import pLimit from 'p-limit';
import type { Config } from './config.js';
import type { EventBus } from './events.js';
import { isEmail, normalizeEmail } from './store/types.js';
import type { ZoomConnector } from './zoom/connector.js';
import { MeetingService, type ZoomMeeting } from './zoom/meetings.js';
import type { TokenService } from './zoom/token-service.js';
import type { ZoomApi } from './zoom/zoom-api.js';

/** Who is calling: a member with a valid token, a backend with an API key, or nobody. */
export type Identity =
  | { kind: 'member'; email: string }
  | { kind: 'backend'; keyId: string }
  | { kind: 'anonymous'; problem?: string };

/** The gateway's services, shared by every request. */
export interface Services {
  connector: ZoomConnector;
  tokens: TokenService;
  meetings: MeetingService;
  zoom: ZoomApi;
  /** Meeting events from Zoom's webhooks, for subscriptions. */
  bus: EventBus;
}

/** Per-request loaders, so one document never asks Zoom twice for the same thing. */
export interface Loaders {
  /** Keyed by `meetingKey(email, id)`. */
  meeting: DataLoader<string, ZoomMeeting>;
}

/** What every resolver receives. */
export interface GatewayContext {
  identity: Identity;
  services: Services;
  loaders: Loaders;
}

/** The meeting loader's key: a JSON pair, so no email or id can run into the other. */
export function meetingKey(email: string, id: string): string {
  return JSON.stringify([email, id]);
}

/** How many meetings one request fetches from Zoom at once. */
const MEETING_FETCH_CONCURRENCY = 8;

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Checks an API key against every configured key in constant time, so timing reveals nothing. */
export function apiKeyMatches(candidate: string, keys: string[]): boolean {
  const given = digest(candidate);
  let match = false;
  for (const key of keys) match = timingSafeEqual(given, digest(key)) || match;
  return match;
}

/** Builds the identity of each request from its headers. */
export class IdentityResolver {
  private readonly apiKeys: string[];
  private readonly key: KeyObject | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(config: Config) {
    this.apiKeys = config.adminApiKeys;
    if (config.member.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(config.member.jwksUrl));
      this.algorithms = ['RS256', 'ES256', 'PS256', 'EdDSA'];
    } else {
      // A key object made once spares jose importing the secret again for every request.
      this.key = createSecretKey(Buffer.from(config.member.jwtSecret, 'utf8'));
      this.algorithms = ['HS256'];
    }
  }

  async resolve(headers: Headers): Promise<Identity> {
    const apiKey = headers.get('x-api-key');
    if (apiKey !== null) {
      return apiKeyMatches(apiKey, this.apiKeys)
        ? { kind: 'backend', keyId: digest(apiKey).toString('hex').slice(0, 12) }
        : { kind: 'anonymous', problem: 'The API key is not valid' };
    }

    const authorization = headers.get('authorization');
    if (!authorization) return { kind: 'anonymous' };
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (!token) return { kind: 'anonymous', problem: 'Authorization must be "Bearer <token>"' };
    return this.member(token);
  }

  private async member(token: string): Promise<Identity> {
    try {
      const { payload } = await jwtVerify(token, this.key as KeyObject, {
        algorithms: this.algorithms,
        requiredClaims: ['exp'],
      });
      if (typeof payload.email !== 'string' || !isEmail(payload.email)) {
        return { kind: 'anonymous', problem: 'The member token has no valid email claim' };
      }
      return { kind: 'member', email: normalizeEmail(payload.email) };
    } catch (error) {
      const expired = error instanceof errors.JWTExpired;
      return {
        kind: 'anonymous',
        problem: expired ? 'The member token has expired' : 'The member token is not valid',
      };
    }
  }
}

/** The services as one request uses them: each member's token document is read once. */
export function servicesForRequest(services: Services): Services {
  const zoom = services.zoom.withTokens(services.tokens.forRequest());
  return { ...services, zoom, meetings: new MeetingService(zoom) };
}

/** Fresh loaders for one request. */
export function createLoaders(services: Services): Loaders {
  const limit = pLimit(MEETING_FETCH_CONCURRENCY);
  return {
    meeting: new DataLoader(
      (keys) =>
        Promise.all(
          keys.map((key) => {
            const [email, id] = JSON.parse(key) as [string, string];
            return limit(() => services.meetings.get(email, id)).catch((error: Error) => error);
          }),
        ),
      { maxBatchSize: 100 },
    ),
  };
}
