import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { userRoutes } from './api-auth.js';
import { controlRoutes } from './control-routes.js';
import { meetingRoutes } from './meetings-api.js';
import { authorizeRoutes } from './oauth-authorize.js';
import { tokenRoutes } from './oauth-token.js';
import { type RequestListener, requestPipeline } from './request-pipeline.js';
import { type SandboxClient, SandboxState } from './sandbox-state.js';
import type { SandboxLog, WebhookTarget } from './webhooks.js';

export { answerConsent, type ConsentAnswer, type ConsentResult } from './consent-driver.js';
export type { SandboxClient } from './sandbox-state.js';
export { signWebhook, type WebhookTarget } from './webhooks.js';

/** How to run a sandbox. */
export interface SandboxOptions {
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** Port to listen on; default 0, any free port. */
  port?: number;
  /** The registered OAuth apps. */
  clients: SandboxClient[];
  /** Access-token lifetime in seconds; default env `SANDBOX_TOKEN_TTL`, else 3599. */
  tokenTtlSeconds?: number;
  /** Delay before every answer on Zoom's paths; default env `SANDBOX_LATENCY_MS`, else 0. */
  latencyMs?: number;
  /** Where signed webhooks are posted; none when unset. */
  webhook?: WebhookTarget;
  /** Receives short messages with fields; never a token, a code or a secret. */
  log?: SandboxLog;
  /** The clock in epoch ms that expires codes, tokens and page tokens; default `Date.now`. */
  now?: () => number;
}

/** A running sandbox. */
export interface Sandbox {
  /** The OAuth origin, e.g. `http://127.0.0.1:54321`: `/oauth/authorize`, `/oauth/token`. */
  url: string;
  /** The REST base, `url + '/v2'`. */
  apiUrl: string;
  /** Stops listening and drops every connection. */
  close(): Promise<void>;
  /** Points webhooks somewhere else, or turns them off. */
  setWebhook(webhook: WebhookTarget | undefined): void;
}

function fromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;

  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0`);
  return value;
}

/** Starts a stateful stand-in for Zoom's OAuth and REST API on loopback. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const tokenTtlSeconds = options.tokenTtlSeconds ?? fromEnv('SANDBOX_TOKEN_TTL', 3599);
  const latencyMs = options.latencyMs ?? fromEnv('SANDBOX_LATENCY_MS', 0);
  const log = options.log ?? (() => {});
  if (options.clients.length === 0) throw new Error('the sandbox needs at least one client');

  // The routes need the URL, which is only known once the port is bound.
  let listener: RequestListener | undefined;
  const server = createServer((incoming, res) => {
    if (listener) void listener(incoming, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });

  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `http://${host}:${port}`;
  const state = new SandboxState(
    url,
    options.clients,
    options.now ?? Date.now,
    tokenTtlSeconds,
    options.webhook,
    log,
  );
  const routes = [
    ...authorizeRoutes(state),
    ...tokenRoutes(state),
    ...userRoutes(state),
    ...meetingRoutes(state),
    ...controlRoutes(state),
  ];
  listener = requestPipeline(state, routes, latencyMs);
  log('sandbox listening', { url });

  return {
    url,
    apiUrl: `${url}/v2`,
    setWebhook: (webhook) => {
      state.webhooks.target = webhook;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
