import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import {
  createLoaders,
  type GatewayContext,
  IdentityResolver,
  type Services,
  servicesForRequest,
} from './context.js';
import { createEventBus, type EventBus } from './events.js';
import { graphiqlOptions, renderGraphiQLPage, useGraphiQLAssets } from './graphiql.js';
import { yogaLogger } from './logger.js';
import { MemoryRateLimiter, RedisRateLimiter, useRateLimit } from './rate-limit.js';
import { useRequestLog } from './request-log.js';
import { useRoutes } from './routes.js';
import { createErrorMask } from './schema/errors.js';
import { schema } from './schema/index.js';
import { securityPlugins, useErrorCodes } from './security.js';
import type { ZoomUserStore } from './store/index.js';
import { useWebApp } from './web-app.js';
import { ZoomConnector } from './zoom/connector.js';
import { MeetingService } from './zoom/meetings.js';
import { ZoomOAuth } from './zoom/oauth.js';
import { ZoomRestClient } from './zoom/rest-client.js';
import { StateSigner } from './zoom/state.js';
import { TokenCipher } from './zoom/token-cipher.js';
import { TokenService } from './zoom/token-service.js';
import { WebhookReceiver } from './zoom/webhooks.js';
import { ZoomApi } from './zoom/zoom-api.js';

/** What the gateway is built from: its configuration, its store and its logger. */
export interface GatewayDeps {
  config: Config;
  store: ZoomUserStore;
  log: Logger;
}

/** A built gateway: a fetch-style handler that also serves Node's `http` requests. */
export interface Gateway {
  yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
  services: Services;
  /** Closes what the gateway opened besides the store (Redis connections). */
  close(): Promise<void>;
}

/** Wires the Zoom services over one store. */
export function createServices({ config, store, log }: GatewayDeps, bus: EventBus): Services {
  const oauth = new ZoomOAuth({
    clientId: config.zoom.clientId,
    clientSecret: config.zoom.clientSecret,
    redirectUri: config.zoom.redirectUri,
    oauthUrl: config.zoom.oauthUrl,
  });
  const tokens = new TokenService(store, oauth, log.child({ component: 'tokens' }), {
    cipher: new TokenCipher(config.tokenEncryptionKey),
  });
  const rest = new ZoomRestClient({
    apiUrl: config.zoom.apiUrl,
    log: log.child({ component: 'zoom' }),
  });
  const zoom = new ZoomApi(tokens, rest);
  const states = new StateSigner(config.stateSecret);
  return {
    connector: new ZoomConnector({ oauth, states, tokens, zoom, store, log }),
    tokens,
    meetings: new MeetingService(zoom),
    zoom,
    bus,
  };
}

/**
 * CORS for the configured origins only: the answer names the caller's origin when it is one of
 * them, and allows nothing otherwise (an `Origin: null` included).
 */
function corsFor(origins: string[]) {
  if (!origins.length) return false;
  return (request: Request) => {
    const origin = request.headers.get('origin');
    return origin && origins.includes(origin)
      ? { origin: [origin], credentials: false }
      : (false as const);
  };
}

/** Builds the gateway: GraphQL at `/graphql` (GraphiQL when enabled) and the plain routes. */
export function createGateway(deps: GatewayDeps): Gateway {
  const { config, store, log } = deps;
  const events = createEventBus(config.redisUrl, log);
  const services = createServices(deps, events.bus);
  const identities = new IdentityResolver(config);
  const { perMinute, burst } = config.rateLimit;
  const limiter = config.redisUrl
    ? new RedisRateLimiter(config.redisUrl, perMinute, burst, log)
    : new MemoryRateLimiter(perMinute, burst);
  const webhooks = config.zoom.webhookSecretToken
    ? new WebhookReceiver(
        config.zoom.webhookSecretToken,
        store,
        events.bus,
        log.child({ component: 'webhooks' }),
      )
    : undefined;

  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: graphiqlOptions(config),
    renderGraphiQL: renderGraphiQLPage,
    landingPage: false,
    logging: yogaLogger(log),
    maskedErrors: { maskError: createErrorMask() },
    cors: corsFor(config.corsOrigins),
    context: async ({ request }) => {
      const scoped = servicesForRequest(services);
      return {
        identity: await identities.resolve(request.headers),
        services: scoped,
        loaders: createLoaders(scoped),
      };
    },
    plugins: [
      useErrorCodes(),
      useRequestLog(log),
      ...securityPlugins(config),
      useRateLimit(limiter),
      useRoutes(config, store, webhooks),
      useWebApp(config),
      useGraphiQLAssets(config),
    ],
  });
  return {
    yoga,
    services,
    async close() {
      await Promise.all([events.close(), limiter.close()]);
    },
  };
}
