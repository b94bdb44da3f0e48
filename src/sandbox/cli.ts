import { startSandbox } from './index.js';

// Runs one sandbox from the environment: `tsx src/sandbox/cli.ts`.
const port = Number(process.env.SANDBOX_PORT ?? 4001);
const secretToken = process.env.SANDBOX_WEBHOOK_SECRET_TOKEN;
const webhookUrl = process.env.SANDBOX_WEBHOOK_URL;

const sandbox = await startSandbox({
  host: process.env.SANDBOX_HOST ?? '127.0.0.1',
  port,
  clients: [
    {
      clientId: process.env.SANDBOX_CLIENT_ID ?? 'sandbox-client-id',
      clientSecret: process.env.SANDBOX_CLIENT_SECRET ?? 'sandbox-client-secret',
      redirectUris: [process.env.SANDBOX_REDIRECT_URI ?? 'http://localhost:4000/oauth/callback'],
    },
  ],
  webhook: webhookUrl && secretToken ? { url: webhookUrl, secretToken } : undefined,
  log: process.env.SANDBOX_QUIET
    ? undefined
    : (message, fields) => console.log(JSON.stringify({ message, ...fields })),
});

console.log(`Zoom sandbox listening on ${sandbox.url} (API ${sandbox.apiUrl})`);

const stop = () => {
  sandbox.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
