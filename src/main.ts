import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { signMemberToken } from './member-token.js';
import { createGateway } from './server.js';
import { openStore } from './store/index.js';

const DEMO_MEMBER = 'demo.member@example.com';

/** Stops start-up with one line, as for a bad setting. */
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function readConfig(): Config {
  // A `.env` file in the working folder fills in what the environment does not set.
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    fail(`configuration error: ${error.message}`);
  }
}

/** Listens, or stops start-up with one line when the port is taken. */
function listen(server: Server, port: number, host: string, name: string): Promise<void> {
  return new Promise((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      fail(`start-up error: ${host}:${port} (${name}) cannot be used: ${error.code}; set ${name}`);
    });
    server.listen(port, host, () => resolve());
  });
}

/** Starts the sandbox in place of Zoom and points the configuration at it. */
async function startSandboxFor(config: Config) {
  const { startSandbox } = await import('./sandbox/index.js');
  const sandbox = await startSandbox({
    host: '127.0.0.1',
    port: config.sandboxPort,
    tokenTtlSeconds: config.sandboxTokenTtl,
    latencyMs: config.sandboxLatencyMs,
    clients: [
      {
        clientId: config.zoom.clientId,
        clientSecret: config.zoom.clientSecret,
        redirectUris: [config.zoom.redirectUri],
      },
    ],
    webhook: config.zoom.webhookSecretToken
      ? { url: `${config.publicUrl}/webhooks/zoom`, secretToken: config.zoom.webhookSecretToken }
      : undefined,
  });
  config.zoom.oauthUrl = sandbox.url;
  config.zoom.apiUrl = sandbox.apiUrl;
  return sandbox;
}

async function main() {
  const config = readConfig();
  const log = createLogger(config.logLevel);

  const sandbox = config.sandbox
    ? await startSandboxFor(config).catch((error: NodeJS.ErrnoException) =>
        fail(
          `start-up error: 127.0.0.1:${config.sandboxPort} (SANDBOX_PORT) cannot be used: ` +
            `${error.code ?? error.message}; set SANDBOX_PORT`,
        ),
      )
    : undefined;
  if (sandbox) log.info({ url: sandbox.url }, 'no Zoom app configured: using the sandbox');
  const store = await openStore(config);
  log.info({ store: config.mongo ? 'mongodb' : 'embedded', dataDir: config.dataDir }, 'store open');

  const gateway = createGateway({ config, store, log });
  const { yoga } = gateway;
  const server = createServer(yoga);
  await listen(server, config.port, config.host, 'PORT');
  log.info({ url: `${config.publicUrl}/graphql`, graphiql: config.graphiql }, 'gateway listening');

  if (config.member.devSecret) {
    const token = await signMemberToken(config.member.jwtSecret, DEMO_MEMBER);
    // A plain banner for the developer at the terminal; a dev secret dies with the process.
    process.stdout.write(
      `\nGraphiQL: ${config.publicUrl}/graphql\nDemo member ${DEMO_MEMBER}, header:\n` +
        `  Authorization: Bearer ${token}\n\n`,
    );
  }

  const stop = async () => {
    log.info('shutting down');
    server.close();
    await Promise.allSettled([store.close(), sandbox?.close(), gateway.close()]);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
