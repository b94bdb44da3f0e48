import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMember } from './support/consent.js';
import { type Stack, startStack } from './support/stack.js';
import { zoomSignature } from './support/webhook.js';

const ZOOM_USER = 'kim.zoom@example.org';

let stack: Stack;
let secret: string;

beforeAll(async () => {
  stack = await startStack();
  secret = stack.config.zoom.webhookSecretToken ?? '';
});
afterAll(() => stack.close());

function post(body: string, headers: Record<string, string>) {
  return fetch(`${stack.url}/webhooks/zoom`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

const signed = (body: string, timestamp?: string) => zoomSignature(secret, body, timestamp);

/** Waits, boundedly, for webhook processing that happens after the acknowledgement. */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (let n = 0; n < 50; n++) {
    if (await check()) return true;
    await sleep(20);
  }
  return false;
}

async function zoomUserId(email: string): Promise<string> {
  return (await stack.store.zoomIdentity(email))?.zoomUserId ?? '';
}

const deauthorization = (userId: string) =>
  JSON.stringify({
    event: 'app_deauthorized',
    event_ts: Date.now(),
    payload: { account_id: 'acct', user_id: userId, signature: 'x', client_id: 'c' },
  });

describe('Zoom webhooks', () => {
  it('answers the URL validation challenge with the HMAC of the plain token', async () => {
    const body = JSON.stringify({
      event: 'endpoint.url_validation',
      payload: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' },
      event_ts: Date.now(),
    });
    const answer = await post(body, signed(body));
    expect(answer.status).toBe(200);
    const { createHmac } = await import('node:crypto');
    expect(await answer.json()).toEqual({
      plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
      encryptedToken: createHmac('sha256', secret).update('qgg8vlvZRS6UYooatFL8Aw').digest('hex'),
    });
  });

  it('rejects a bad signature, an old timestamp and a body changed after signing', async () => {
    await connectMember(stack, 'kim@example.com', ZOOM_USER);
    const body = deauthorization(await zoomUserId('kim@example.com'));
    const old = String(Math.floor(Date.now() / 1000) - 301);
    const attempts = [
      { ...signed(body), 'x-zm-signature': `v0=${'0'.repeat(64)}` },
      signed(body, old),
      {},
    ];
    for (const headers of attempts) expect((await post(body, headers)).status).toBe(401);
    const tampered = body.replace('"acct"', '"acct2"');
    expect((await post(tampered, signed(body))).status).toBe(401);

    await sleep(100);
    expect(await stack.store.document('kim@example.com')).not.toBeNull();
  });

  it("removes the member's connection on a correctly signed app_deauthorized", async () => {
    await connectMember(stack, 'lou@example.com', 'lou.zoom@example.org');
    const body = deauthorization(await zoomUserId('lou@example.com'));
    expect(body).toContain('"user_id":"');
    const answer = await post(body, signed(body));
    expect(answer.status).toBe(204);
    expect(await eventually(async () => !(await stack.store.document('lou@example.com')))).toBe(
      true,
    );
    expect(await stack.store.zoomIdentity('lou@example.com')).toBeNull();
  });

  it('removes the connection when the member deauthorizes the app in the sandbox', async () => {
    const token = await connectMember(stack, 'max@example.com', 'max.zoom@example.org');
    const answer = await stack.control('POST', '/_sandbox/users/max.zoom@example.org/deauthorize');
    expect(answer.status).toBe(200);
    expect(await eventually(async () => !(await stack.store.document('max@example.com')))).toBe(
      true,
    );
    const status = await stack.gql('{ zoomConnection { connected } }', {}, { token });
    expect(status.data?.zoomConnection).toEqual({ connected: false });
  });

  it('stops reading a chunked body past its limit', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(32);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 64) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const answer = await fetch(`${stack.url}/webhooks/zoom`, {
      method: 'POST',
      headers: signed('irrelevant'),
      body,
      duplex: 'half',
    } as RequestInit);
    expect(answer.status).toBe(413);
    expect(sent).toBeLessThan(64);
  });

  it('drops a delivery it has already seen', async () => {
    await connectMember(stack, 'ned@example.com', 'ned.zoom@example.org');
    const body = deauthorization(await zoomUserId('ned@example.com'));
    expect((await post(body, signed(body))).status).toBe(204);
    expect(await eventually(async () => !(await stack.store.document('ned@example.com')))).toBe(
      true,
    );

    await connectMember(stack, 'ned@example.com', 'ned.zoom@example.org');
    expect((await post(body, signed(body))).status).toBe(204);
    await sleep(100);
    expect(await stack.store.document('ned@example.com')).not.toBeNull();
  });
});

describe('a member who reconnects while Zoom cannot name the user', () => {
  it('forgets the earlier Zoom user, so its events and deauthorization no longer apply', async () => {
    await connectMember(stack, 'rio@example.com', 'rio.first@example.org');
    const first = await zoomUserId('rio@example.com');
    expect(first).not.toBe('');

    await stack.control('POST', '/_sandbox/faults', {
      match: 'GET /v2/users/me',
      status: 500,
      times: 10,
    });
    await connectMember(stack, 'rio@example.com', 'rio.second@example.org');
    await stack.control('DELETE', '/_sandbox/faults');

    expect(await stack.store.zoomIdentity('rio@example.com')).toBeNull();
    expect(await stack.store.membersOfZoomUser(first)).toEqual([]);
    const body = deauthorization(first);
    expect((await post(body, signed(body))).status).toBe(204);
    await sleep(100);
    expect(await stack.store.document('rio@example.com')).not.toBeNull();
  });
});
