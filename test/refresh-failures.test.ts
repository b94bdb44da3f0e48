import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ZoomOAuth } from '../src/zoom/oauth.js';
import { TokenService } from '../src/zoom/token-service.js';
import { connectMember } from './support/consent.js';
import { FaultyStore } from './support/faulty-store.js';
import { freePort } from './support/ports.js';
import { type Stack, startStack } from './support/stack.js';

const TTL_SECONDS = 2;
const ME = 'mutation { zoomRequest(method: GET, url: "/users/me") { status } }';

let stack: Stack;
let faulty: FaultyStore;

beforeAll(async () => {
  stack = await startStack({
    tokenTtlSeconds: TTL_SECONDS,
    wrapStore: (store) => {
      faulty = new FaultyStore(store);
      return faulty;
    },
  });
});
afterEach(async () => {
  faulty.down = false;
  await stack.control('DELETE', '/_sandbox/faults');
});
afterAll(() => stack.close());

async function expiredMember(email: string) {
  const token = await connectMember(stack, email);
  await sleep(TTL_SECONDS * 1000 + 200);
  return { token, before: await stack.store.document(email) };
}

describe('when a refresh goes wrong', () => {
  it('keeps the member connected when the token write fails twice, then lands', async () => {
    const { token, before } = await expiredMember('flaky@example.com');
    faulty.failWrites(2);

    const result = await stack.gql(ME, {}, { token });
    expect(result.data?.zoomRequest).toEqual({ status: 200 });
    const after = await stack.store.document('flaky@example.com');
    expect(after?.refresh_token).not.toBe(before?.refresh_token);

    const again = await stack.gql(ME, {}, { token });
    expect(again.data?.zoomRequest).toEqual({ status: 200 });
    expect(stack.logs.some((line) => line.includes('could not be stored'))).toBe(false);
  });

  it('logs at error level when the refreshed tokens cannot be stored at all', async () => {
    const { token } = await expiredMember('lost@example.com');
    faulty.failWrites(100);

    const result = await stack.gql(ME, {}, { token });
    faulty.failWrites(0);
    expect(result.errors?.[0]?.extensions?.code).toBe('STORE_UNAVAILABLE');
    const lines = stack.logs.filter((line) => line.includes('could not be stored'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"level":50');
    expect(lines[0]).toContain('"attempt":5');
  });

  it('keeps the stored refresh token and scope when Zoom leaves them out', async () => {
    const { before } = await expiredMember('partial@example.com');
    await stack.control('POST', '/_sandbox/faults', {
      match: 'POST /oauth/token',
      status: 200,
      body: { access_token: 'only-an-access-token', token_type: 'bearer', expires_in: 3599 },
    });

    const accessToken = await stack.gateway.services.tokens.accessToken('partial@example.com');
    expect(accessToken).toBe('only-an-access-token');
    const after = await stack.store.document('partial@example.com');
    expect(after?.access_token).toBe('only-an-access-token');
    expect(after?.refresh_token).toBe(before?.refresh_token);
    expect(after?.scope).toBe(before?.scope);
    expect(after?.expires_in).toBe(3599);
  });

  it('removes nothing and answers ZOOM_API_ERROR when Zoom answers 5xx', async () => {
    const { token, before } = await expiredMember('outage@example.com');
    await stack.control('POST', '/_sandbox/faults', {
      match: 'POST /oauth/token',
      status: 503,
      body: 'upstream unavailable',
    });

    const result = await stack.gql(ME, {}, { token });
    expect(result.errors?.[0]?.extensions?.code).toBe('ZOOM_API_ERROR');
    expect(await stack.store.document('outage@example.com')).toEqual(before);
  });

  it('removes nothing and answers ZOOM_API_ERROR when Zoom cannot be reached', async () => {
    const { before } = await expiredMember('unreachable@example.com');
    const closed = await freePort();
    const oauth = new ZoomOAuth({ ...stack.config.zoom, oauthUrl: `http://127.0.0.1:${closed}` });
    const tokens = new TokenService(stack.store, oauth, pino({ level: 'silent' }));

    await expect(tokens.accessToken('unreachable@example.com')).rejects.toMatchObject({
      code: 'ZOOM_API_ERROR',
      retryable: true,
    });
    expect(await stack.store.document('unreachable@example.com')).toEqual(before);
  });

  it('masks an unexpected error in the answer and logs it in full at error level', async () => {
    const token = await connectMember(stack, 'oops@example.com');
    faulty.breakNextFind = new TypeError('cannot read the driver state of undefined');

    const result = await stack.gql('{ zoomConnection { connected } }', {}, { token });
    expect(result.errors?.[0]).toMatchObject({
      message: 'Unexpected error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(result)).not.toContain('driver state');
    const logged = stack.logs.filter((line) => line.includes('"level":50'));
    expect(logged.some((line) => line.includes('cannot read the driver state of undefined'))).toBe(
      true,
    );
  });

  it('fails fast with STORE_UNAVAILABLE while the store is down, and recovers by itself', async () => {
    const token = await connectMember(stack, 'down@example.com');
    faulty.down = true;

    const result = await stack.gql('{ zoomConnection { connected } }', {}, { token });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      retryable: true,
    });
    expect((await fetch(`${stack.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${stack.url}/healthz`)).status).toBe(200);

    faulty.down = false;
    expect((await fetch(`${stack.url}/readyz`)).status).toBe(200);
    const back = await stack.gql('{ zoomConnection { connected } }', {}, { token });
    expect(back.data?.zoomConnection).toEqual({ connected: true });
  });
});
