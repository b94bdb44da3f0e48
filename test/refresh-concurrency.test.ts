import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZoomOAuth } from '../src/zoom/oauth.js';
import { TokenService } from '../src/zoom/token-service.js';
import { connectMember } from './support/consent.js';
import { type Stack, startStack } from './support/stack.js';

const TTL_SECONDS = 2;
const MEETING = 'query ($id: ID!) { meeting(id: $id) { id topic } }';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tokenTtlSeconds: TTL_SECONDS, env: { RATE_LIMIT_BURST: '1000' } });
});
afterAll(() => stack.close());

function tokenService(): TokenService {
  const { zoom } = stack.config;
  const oauth = new ZoomOAuth({ ...zoom, oauthUrl: stack.sandbox.url });
  return new TokenService(stack.store, oauth, pino({ level: 'silent' }));
}

describe('refreshing an expired token under load', () => {
  it('refreshes once for 200 concurrent meeting(id) requests, and all 200 succeed', async () => {
    const token = await connectMember(stack, 'load@example.com');
    const created = await stack.gql<{ createMeeting: { id: string } }>(
      'mutation { createMeeting(input: { topic: "Busy" }) { id } }',
      {},
      { token },
    );
    const id = created.data?.createMeeting.id;
    await sleep(TTL_SECONDS * 1000 + 200);
    const before = await stack.stats();

    const results = await Promise.all(
      Array.from({ length: 200 }, () => stack.gql(MEETING, { id }, { token })),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(new Set(results.map((r) => JSON.stringify(r.data)))).toEqual(
      new Set([JSON.stringify({ meeting: { id, topic: 'Busy' } })]),
    );
    expect((await stack.stats()).refreshes - before.refreshes).toBe(1);
  });

  it('refreshes once in all for two token services sharing only the store', async () => {
    await connectMember(stack, 'pair@example.com');
    const first = tokenService();
    const second = tokenService();
    await sleep(TTL_SECONDS * 1000 + 200);
    const before = await stack.stats();

    const tokens = await Promise.all([
      ...Array.from({ length: 50 }, () => first.accessToken('pair@example.com')),
      ...Array.from({ length: 50 }, () => second.accessToken('pair@example.com')),
    ]);
    expect((await stack.stats()).refreshes - before.refreshes).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    const stored = await stack.store.document('pair@example.com');
    expect(tokens[0]).toBe(stored?.access_token);

    const me = await fetch(`${stack.sandbox.apiUrl}/users/me`, {
      headers: { authorization: `Bearer ${tokens[0]}` },
    });
    expect(me.status).toBe(200);
  });
});
