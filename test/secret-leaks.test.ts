import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAtZoom } from './support/consent.js';
import { API_KEY, MEMBER_SECRET, type Stack, startStack } from './support/stack.js';
import { postWebhook } from './support/webhook.js';

const TTL_SECONDS = 2;

let stack: Stack;
/** Every secret the run handled: none may show up in a log line or a GraphQL answer. */
const secrets = new Set<string>();

async function collectTokens(email: string) {
  const doc = await stack.store.document(email);
  if (doc) for (const value of [doc.access_token, doc.refresh_token]) secrets.add(value);
}

beforeAll(async () => {
  stack = await startStack({ tokenTtlSeconds: TTL_SECONDS });
  for (const value of [
    stack.config.zoom.clientSecret,
    stack.config.stateSecret,
    stack.config.zoom.webhookSecretToken ?? '',
    API_KEY,
    MEMBER_SECRET,
  ]) {
    secrets.add(value);
  }
});
afterAll(() => stack.close());

describe('secrets', () => {
  it('never appear in a log line or a response across the main flow and its failures', async () => {
    const token = await stack.memberToken('rae@example.com');
    const { code, state } = await signInAtZoom(stack, token, { note: 'keep me' });
    secrets.add(code);
    const connected = await stack.gql(
      'mutation ($c: String!, $s: String!) { connectZoom(code: $c, state: $s) { success } }',
      { c: code, s: state },
      { token },
    );
    expect(connected.data?.connectZoom).toEqual({ success: true });
    await collectTokens('rae@example.com');

    const made = await stack.gql<{ createMeeting: { id: string } }>(
      'mutation { createMeeting(input: {}) { id joinUrl } }',
      {},
      { token },
    );
    const id = made.data?.createMeeting.id;
    await stack.gql('query ($id: ID!) { meeting(id: $id) { id } }', { id }, { token });
    await stack.gql(
      'mutation { zoomRequest(method: GET, url: "/users/me") { body } }',
      {},
      { token },
    );

    // A refresh, a replay, bad credentials and a bad code, all of which are logged.
    await sleep(TTL_SECONDS * 1000 + 200);
    await stack.gql('query ($id: ID!) { meeting(id: $id) { id } }', { id }, { token });
    await collectTokens('rae@example.com');
    await stack.gql(
      'mutation ($c: String!, $s: String!) { connectZoom(code: $c, state: $s) { success } }',
      { c: code, s: state },
      { token },
    );
    const fresh = await signInAtZoom(stack, token);
    await stack.gql(
      'mutation ($c: String!, $s: String!) { connectZoom(code: $c, state: $s) { success } }',
      { c: 'forged-code-value-123456', s: fresh.state },
      { token },
    );
    await stack.gql('{ viewer { email } }', {}, { token: `${token}x` });
    await stack.gql(
      'mutation { createMeeting(input: {}, userEmail: "rae@example.com") { id } }',
      {},
      { apiKey: `${API_KEY}x` },
    );
    await stack.gql(
      'mutation ($id: ID!) { deleteMeeting(id: $id) { success } }',
      { id },
      { token },
    );

    const body = JSON.stringify({ event: 'app_deauthorized', event_ts: Date.now(), payload: {} });
    await postWebhook(stack.url, stack.config.zoom.webhookSecretToken ?? '', body);
    await stack.gql('mutation { disconnectZoom }', {}, { token });
    await sleep(50);

    expect(secrets.size).toBeGreaterThanOrEqual(10);
    expect(stack.logs.length).toBeGreaterThan(10);
    const logs = stack.logs.join('\n');
    const responses = stack.responses.join('\n');
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      expect(logs.includes(secret), 'a secret is in the logs').toBe(false);
      expect(responses.includes(secret), 'a secret is in a response').toBe(false);
    }
    expect(logs).not.toContain('rae@example.com');
  });
});
