import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisSkip, startRedis } from './support/redis.js';
import { subscribe } from './support/sse.js';
import { API_KEY, type Stack, startStack } from './support/stack.js';
import { postWebhook } from './support/webhook.js';

const LIMITS = { RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_MINUTE: '1' };
const VIEWER = '{ viewer { email } }';

async function rawGql(stack: Stack, headers: Record<string, string>) {
  const response = await fetch(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: VIEWER }),
  });
  return { response, body: await response.json() };
}

describe('rate limits in one process', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: LIMITS });
  });
  afterAll(() => stack.close());

  it('refuses a member past their burst with RATE_LIMITED, 429 and a retry time', async () => {
    const token = await stack.memberToken('sam@example.com');
    const headers = { authorization: `Bearer ${token}` };
    for (let n = 0; n < 3; n++) {
      expect((await rawGql(stack, headers)).body.data.viewer).toEqual({ email: 'sam@example.com' });
    }
    const { response, body } = await rawGql(stack, headers);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(body.errors[0].extensions.retryAfter).toBeGreaterThan(0);
    expect(body.data ?? null).toBeNull();
  });

  it('counts subscriptions against the same bucket', async () => {
    const token = await stack.memberToken('sub@example.com');
    const statuses = [];
    for (let n = 0; n < 4; n++) {
      const stream = await subscribe(
        stack.url,
        { authorization: `Bearer ${token}` },
        'subscription { meetingEvents { event } }',
      );
      statuses.push(await stream.text(300));
      stream.close();
    }
    expect(statuses.slice(0, 3).every((text) => !text.includes('RATE_LIMITED'))).toBe(true);
    expect(statuses[3]).toContain('RATE_LIMITED');
  });

  it('keeps separate buckets for each member and each API key', async () => {
    const other = await stack.memberToken('tia@example.com');
    expect((await rawGql(stack, { authorization: `Bearer ${other}` })).response.status).toBe(200);
    expect((await rawGql(stack, { 'x-api-key': API_KEY })).response.status).toBe(200);
  });
});

describe.skipIf(redisSkip)('rate limits and events shared through Redis', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let first: Stack;
  let second: Stack;

  beforeAll(async () => {
    redis = await startRedis();
    const env = { ...LIMITS, REDIS_URL: redis.url };
    first = await startStack({ env });
    second = await startStack({ env });
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
    await redis?.stop();
  });

  it('counts one bucket for a member across two gateways', async () => {
    const token = await first.memberToken('uma@example.com');
    const headers = { authorization: `Bearer ${token}` };
    const statuses = [];
    for (const stack of [first, second, first, second]) {
      statuses.push((await rawGql(stack, headers)).response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it("delivers an event received by one gateway to another gateway's subscriber", async () => {
    const stream = await subscribe(
      second.url,
      { 'x-api-key': API_KEY },
      'subscription { meetingEvents(meetingId: "81234567890") { event topic } }',
    );
    await sleep(100);

    const body = JSON.stringify({
      event: 'meeting.started',
      event_ts: Date.now(),
      payload: { object: { id: '81234567890', topic: 'Across', host_id: 'h' } },
    });
    const posted = await postWebhook(first.url, first.config.zoom.webhookSecretToken ?? '', body);
    expect(posted.status).toBe(204);

    const events = await stream.events(1);
    stream.close();
    // Let the gateway unsubscribe from Redis before the suite closes the connections.
    await sleep(200);
    expect(events).toEqual([
      { data: { meetingEvents: { event: 'meeting.started', topic: 'Across' } } },
    ]);
  });
});

if (redisSkip) console.log(redisSkip);
