import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type Config, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { signMemberToken } from '../../src/member-token.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { EmbeddedZoomUserStore } from '../../src/store/embedded.js';
import type { ZoomUserStore } from '../../src/store/types.js';

export const MEMBER_SECRET = 'test-member-secret-0123456789abcdef';
export const API_KEY = 'test-backend-key-0123456789abcdef';

/** A GraphQL answer as the tests read it. */
export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

/** Who a test request speaks as. */
export type Caller = { token: string } | { apiKey: string } | undefined;

/** A sandbox, a store and a gateway on loopback, wired as `npm start` wires them. */
export interface Stack {
  url: string;
  sandbox: Sandbox;
  store: EmbeddedZoomUserStore;
  /** The store the gateway uses: the embedded one, or a wrapper of it. */
  gatewayStore: ZoomUserStore;
  config: Config;
  gateway: Gateway;
  dataDir: string;
  /** Every log line the gateway wrote, as raw text. */
  logs: string[];
  /** Every body `gql` received, as raw text. */
  responses: string[];
  memberToken(email: string): Promise<string>;
  /** The sandbox's counters. */
  stats(): Promise<SandboxStats>;
  /** Calls the sandbox's control surface. */
  control(method: string, path: string, body?: unknown): Promise<Response>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    caller?: Caller,
  ): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

/** What `GET /_sandbox/stats` counts. */
export interface SandboxStats {
  tokenExchanges: number;
  refreshes: number;
  revokes: number;
  apiCalls: number;
  maxConcurrentApiCalls: number;
  meetings: number;
}

export interface StackOptions {
  env?: Record<string, string>;
  tokenTtlSeconds?: number;
  latencyMs?: number;
  /** Puts a wrapper between the gateway and the embedded store. */
  wrapStore?: (store: EmbeddedZoomUserStore) => ZoomUserStore;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

/** Starts a whole stack on free ports with an embedded store in a fresh folder. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const server = createServer();
  const port = await listen(server);
  const dataDir = await mkdtemp(join(tmpdir(), 'zoom-gateway-'));
  const config = loadConfig({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    MEMBER_JWT_SECRET: MEMBER_SECRET,
    ADMIN_API_KEYS: API_KEY,
    LOG_LEVEL: 'debug',
    ...options.env,
  });

  const sandbox = await startSandbox({
    port: 0,
    clients: [
      {
        clientId: config.zoom.clientId,
        clientSecret: config.zoom.clientSecret,
        redirectUris: [config.zoom.redirectUri],
      },
    ],
    tokenTtlSeconds: options.tokenTtlSeconds,
    latencyMs: options.latencyMs,
    webhook: config.zoom.webhookSecretToken
      ? {
          url: `http://127.0.0.1:${port}/webhooks/zoom`,
          secretToken: config.zoom.webhookSecretToken,
        }
      : undefined,
  });
  config.zoom.oauthUrl = sandbox.url;
  config.zoom.apiUrl = sandbox.apiUrl;

  const logs: string[] = [];
  const responses: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const log = createLogger('debug', sink);
  const store = await EmbeddedZoomUserStore.open({ dataDir });
  const gatewayStore = options.wrapStore?.(store) ?? store;
  const gateway = createGateway({ config, store: gatewayStore, log });
  server.on('request', gateway.yoga);
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    sandbox,
    store,
    gatewayStore,
    config,
    gateway,
    dataDir,
    logs,
    responses,
    memberToken: (email) => signMemberToken(MEMBER_SECRET, email),
    stats: async () => (await fetch(`${sandbox.url}/_sandbox/stats`)).json(),
    control: (method, path, body) =>
      fetch(`${sandbox.url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    async gql(query, variables, caller) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (caller && 'token' in caller) headers.authorization = `Bearer ${caller.token}`;
      if (caller && 'apiKey' in caller) headers['x-api-key'] = caller.apiKey;
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      responses.push(text);
      return { status: response.status, ...JSON.parse(text) };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await sandbox.close();
      await gateway.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
