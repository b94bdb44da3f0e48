import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMember } from './support/consent.js';
import { type Stack, startStack } from './support/stack.js';

const TTL_SECONDS = 2;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tokenTtlSeconds: TTL_SECONDS });
});
afterAll(() => stack.close());

describe('an expired access token', () => {
  it('is refreshed once, the request still succeeds, and the rotated tokens are stored', async () => {
    const token = await connectMember(stack, 'cy@example.com');
    const created = await stack.gql<{ createMeeting: { id: string } }>(
      'mutation { createMeeting(input: { topic: "Refresh me" }) { id } }',
      {},
      { token },
    );
    const id = created.data?.createMeeting.id;
    const before = await stack.store.document('cy@example.com');
    const statsBefore = await stack.stats();

    await sleep(TTL_SECONDS * 1000 + 200);
    const status = await stack.gql('{ zoomConnection { expired } }', {}, { token });
    expect(status.data?.zoomConnection).toEqual({ expired: true });

    const read = await stack.gql(
      'query ($id: ID!) { meeting(id: $id) { id topic } }',
      { id },
      { token },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?.meeting).toEqual({ id, topic: 'Refresh me' });

    const after = await stack.store.document('cy@example.com');
    expect((await stack.stats()).refreshes).toBe(statsBefore.refreshes + 1);
    expect(after?.access_token).not.toBe(before?.access_token);
    expect(after?.refresh_token).not.toBe(before?.refresh_token);
    expect(after?._updatedDate.getTime()).toBeGreaterThan(before?._updatedDate.getTime() ?? 0);
    expect(after?._createdDate).toEqual(before?._createdDate);
    expect(after?._id).toBe(before?._id);
  });

  it('is refreshed once for 20 concurrent requests of one member', async () => {
    const token = await connectMember(stack, 'dee@example.com');
    await sleep(TTL_SECONDS * 1000 + 200);
    const statsBefore = await stack.stats();

    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        stack.gql(
          'mutation { zoomRequest(method: GET, url: "/users/me") { status } }',
          {},
          { token },
        ),
      ),
    );
    expect(results.map((r) => (r.data?.zoomRequest as { status: number })?.status)).toEqual(
      Array(20).fill(200),
    );
    expect((await stack.stats()).refreshes).toBe(statsBefore.refreshes + 1);
  });

  it('whose refresh token Zoom rejects removes the connection and asks to reconnect', async () => {
    const token = await connectMember(stack, 'eli@example.com');
    const doc = await stack.store.document('eli@example.com');
    const revoked = await fetch(`${stack.sandbox.url}/oauth/revoke`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${stack.config.zoom.clientId}:${stack.config.zoom.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token: String(doc?.refresh_token) }),
    });
    expect(revoked.status).toBe(200);
    await sleep(TTL_SECONDS * 1000 + 200);

    const result = await stack.gql('mutation { createMeeting(input: {}) { id } }', {}, { token });
    expect(result.errors?.[0]?.extensions?.code).toBe('ZOOM_REAUTH_REQUIRED');
    expect(await stack.store.document('eli@example.com')).toBeNull();
    const status = await stack.gql('{ zoomConnection { connected } }', {}, { token });
    expect(status.data?.zoomConnection).toEqual({ connected: false });
  });
});
