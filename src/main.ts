import { createServer } from 'node:http';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { signMemberToken } from './member-token.js';
import { createGateway } from './server.js';
import { openStore } from './store/index.js';

const DEMO_MEMBER = 'demo.member@example.com';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`configuration error: ${error.message}`);
    process.exit(1);
  }
}

/** Starts the sandbox in place of Zoom and points the configuration at it. */
async function startSandboxFor(config: Config) {
  const { startSandbox } = await import('./sandbox/index.js');
  const sandbox = await startSandbox({
    host: '127.0.0.1',
    port: config.sandboxPort,
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

  const sandbox = config.sandbox ? await startSandboxFor(config) : undefined;
  if (sandbox) log.info({ url: sandbox.url }, 'no Zoom app configured: using the sandbox');
  const store = await openStore(config);
  log.info({ store: config.mongo ? 'mongodb' : 'embedded', dataDir: config.dataDir }, 'store open');

  const gateway = createGateway({ config, store, log });
  const { yoga } = gateway;
  const server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
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
