import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answerConsent, type Sandbox, startSandbox } from '../src/sandbox/index.js';

const CALLBACK = 'http://localhost:4000/oauth/callback';
const CLIENT = {
  clientId: 'control-app',
  clientSecret: 'control-secret',
  redirectUris: [CALLBACK],
};
const CREDENTIALS = Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64');
const BASIC = `Basic ${CREDENTIALS}`;
const SECRET = 'webhook-secret-token';
const HOST = 'host@example.com';

interface Delivery {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let sandbox: Sandbox;
let receiver: Server;
let receiverUrl: string;
let deliveries: Delivery[];

beforeEach(async () => {
  deliveries = [];
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/zoom`;
  sandbox = await startSandbox({
    clients: [CLIENT],
    webhook: { url: receiverUrl, secretToken: SECRET },
  });
});

afterEach(async () => {
  await sandbox.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

async function connect(email = HOST) {
  const { location } = await answerConsent(sandbox.url, {
    clientId: CLIENT.clientId,
    redirectUri: CALLBACK,
    email,
  });
  return oauth('/oauth/token', {
    grant_type: 'authorization_code',
    code: location.searchParams.get('code') ?? '',
    redirect_uri: CALLBACK,
  });
}

async function oauth(path: string, params: Record<string, string>) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function api(token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandbox.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

function idOf(text: string): string {
  return /"id":(\d+)/.exec(text)?.[1] ?? '';
}

describe('injected faults', () => {
  it('answer the next matching call with their status, headers and body, then stop', async () => {
    const { body: grant } = await connect();
    const rateLimited = {
      code: 429,
      message: 'You have reached the maximum per-second rate limit.',
    };
    await control('POST', '/faults', {
      match: 'POST /v2/users/*/meetings',
      status: 429,
      headers: { 'Retry-After': '2030-01-02T00:00:00Z' },
      body: rateLimited,
    });

    const faulted = await api(grant.access_token, 'POST', '/users/me/meetings', {});
    expect(faulted.status).toBe(429);
    expect(faulted.headers.get('retry-after')).toBe('2030-01-02T00:00:00Z');
    expect(faulted.headers.get('x-zm-trackingid')).toMatch(/^v=2\.0;/);
    expect(JSON.parse(faulted.text)).toEqual(rateLimited);
    expect((await control('GET', '/stats')).json.meetings).toBe(0);
    expect((await api(grant.access_token, 'POST', '/users/me/meetings', {})).status).toBe(201);
  });

  it('apply `times` times, in queue order, with ** globs and raw string bodies', async () => {
    const { body: grant } = await connect();
    await control('POST', '/faults', { match: 'GET /v2/**', status: 503, times: 2, body: 'down' });
    await control('POST', '/faults', { match: '* /v2/users/me', status: 502 });

    const answers = [];
    for (let call = 0; call < 4; call += 1) {
      const answer = await api(grant.access_token, 'GET', '/users/me');
      answers.push([answer.status, answer.status === 200 ? 'user' : answer.text]);
    }
    expect(answers).toEqual([
      [503, 'down'],
      [503, 'down'],
      [502, ''],
      [200, 'user'],
    ]);
  });

  it('do the real work first with afterApply, as when a response is lost', async () => {
    const { body: grant } = await connect();
    await control('POST', '/faults', { match: 'POST /oauth/token', status: 502, afterApply: true });

    const lost = await oauth('/oauth/token', {
      grant_type: 'refresh_token',
      refresh_token: grant.refresh_token,
    });
    expect(lost).toEqual({ status: 502, body: undefined });
    const retried = await oauth('/oauth/token', {
      grant_type: 'refresh_token',
      refresh_token: grant.refresh_token,
    });
    expect(retried).toEqual({
      status: 400,
      body: { reason: 'Invalid Token!', error: 'invalid_grant' },
    });
  });

  it('only delay the real answer when they carry latencyMs and no status', async () => {
    const { body: grant } = await connect();
    await control('POST', '/faults', { match: 'GET /v2/users/me', latencyMs: 400 });

    const finished: string[] = [];
    const slow = api(grant.access_token, 'GET', '/users/me').then((answer) => {
      finished.push('slow');
      return answer;
    });
    const fast = api(grant.access_token, 'GET', '/users/me').then(() => finished.push('fast'));
    const [answer] = await Promise.all([slow, fast]);

    expect(finished).toEqual(['fast', 'slow']);
    expect(answer.status).toBe(200);
  });

  it('keep a created meeting when afterApply replaces the 201', async () => {
    const { body: grant } = await connect();
    await control('POST', '/faults', {
      match: 'POST /v2/users/me/meetings',
      status: 500,
      afterApply: true,
      body: { code: 500, message: 'Internal error' },
    });

    const answer = await api(grant.access_token, 'POST', '/users/me/meetings', { topic: 'Kept' });
    expect(answer.status).toBe(500);
    const list = JSON.parse((await api(grant.access_token, 'GET', '/users/me/meetings')).text);
    expect(list.meetings.map((meeting: { topic: string }) => meeting.topic)).toEqual(['Kept']);
  });

  it('are cleared by DELETE /_sandbox/faults and refused when malformed', async () => {
    const { body: grant } = await connect();
    await control('POST', '/faults', { match: 'GET /v2/users/me', status: 500, times: 5 });

    expect((await control('DELETE', '/faults')).json).toEqual({ cleared: 1 });
    expect((await api(grant.access_token, 'GET', '/users/me')).status).toBe(200);
    expect((await control('POST', '/faults', { match: 'GET /v2/users/me' })).status).toBe(400);
  });
});

describe('the latencyMs option', () => {
  it("delays Zoom's paths but not the control surface", async () => {
    const slow = await startSandbox({ clients: [CLIENT], latencyMs: 300 });
    const finished: string[] = [];
    try {
      await Promise.all([
        fetch(`${slow.apiUrl}/users/me`).then(() => finished.push('api')),
        fetch(`${slow.url}/_sandbox/stats`).then(() => finished.push('stats')),
      ]);
    } finally {
      await slow.close();
    }
    expect(finished).toEqual(['stats', 'api']);
  });
});

describe('stats', () => {
  it('count token calls, API calls and the meetings that exist now', async () => {
    const { body: grant } = await connect();
    const refreshed = await oauth('/oauth/token', {
      grant_type: 'refresh_token',
      refresh_token: grant.refresh_token,
    });
    const token = refreshed.body.access_token;
    const id = idOf((await api(token, 'POST', '/users/me/meetings', {})).text);
    await api(token, 'POST', '/users/me/meetings', {});
    await api(token, 'DELETE', `/meetings/${id}`);
    await api(token, 'GET', '/users/me');
    await oauth('/oauth/revoke', { token });

    expect((await control('GET', '/stats')).json).toEqual({
      tokenExchanges: 1,
      refreshes: 1,
      revokes: 1,
      apiCalls: 4,
      maxConcurrentApiCalls: 1,
      meetings: 1,
    });
  });
});

describe('webhooks', () => {
  function verified(delivery: Delivery): boolean {
    const timestamp = String(delivery.headers['x-zm-request-timestamp']);
    const expected = createHmac('sha256', SECRET)
      .update(`v0:${timestamp}:${delivery.body}`)
      .digest('hex');
    return delivery.headers['x-zm-signature'] === `v0=${expected}`;
  }

  async function received(count: number): Promise<Delivery[]> {
    await vi.waitFor(() => expect(deliveries.length).toBeGreaterThanOrEqual(count), {
      timeout: 5000,
    });
    return deliveries;
  }

  it('are signed for the receiver to verify, with ids typed as Zoom types them', async () => {
    const { body: grant } = await connect();
    const id = idOf((await api(grant.access_token, 'POST', '/users/me/meetings', {})).text);
    await received(1);
    await api(grant.access_token, 'PATCH', `/meetings/${id}`, { topic: 'Renamed' });
    await received(2);
    await control('POST', `/meetings/${id}/start`);
    await received(3);
    await control('POST', `/meetings/${id}/end`);
    await received(4);
    await api(grant.access_token, 'DELETE', `/meetings/${id}`);

    const all = await received(5);
    const events = all.map((delivery) => JSON.parse(delivery.body).event);
    expect(events).toEqual([
      'meeting.created',
      'meeting.updated',
      'meeting.started',
      'meeting.ended',
      'meeting.deleted',
    ]);
    expect(all.every(verified)).toBe(true);
    const [created, updated, started, ended, deleted] = all.map((delivery) => delivery.body);
    expect(created).toContain(`"id":${id},`);
    const { payload } = JSON.parse(updated ?? '');
    expect(payload.object).toEqual({ id: Number(id), uuid: expect.any(String), topic: 'Renamed' });
    expect(payload.old_object).toMatchObject({ topic: 'Zoom meeting' });
    expect(started).toContain(`"id":"${id}"`);
    expect(ended).toContain(`"id":"${id}"`);
    expect(deleted).toContain(`"id":${id},`);
    expect(JSON.parse(created ?? '').payload).toMatchObject({ operator: HOST });
  });

  it('send app_deauthorized when a user is deauthorized, and their tokens die', async () => {
    const { body: grant } = await connect();
    const userId = JSON.parse((await api(grant.access_token, 'GET', '/users/me')).text).id;

    const answer = await control('POST', `/users/${encodeURIComponent(HOST)}/deauthorize`);
    expect(answer.status).toBe(200);
    const [delivery] = await received(1);
    const event = JSON.parse(delivery?.body ?? '');
    expect(event.event).toBe('app_deauthorized');
    expect(event.payload).toMatchObject({
      user_id: userId,
      client_id: CLIENT.clientId,
      user_data_retention: 'false',
    });
    expect(delivery && verified(delivery)).toBe(true);
    expect((await api(grant.access_token, 'GET', '/users/me')).status).toBe(401);
    const refresh = await oauth('/oauth/token', {
      grant_type: 'refresh_token',
      refresh_token: grant.refresh_token,
    });
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('stop when setWebhook turns them off', async () => {
    const { body: grant } = await connect();
    sandbox.setWebhook(undefined);
    await api(grant.access_token, 'POST', '/users/me/meetings', {});
    sandbox.setWebhook({ url: receiverUrl, secretToken: SECRET });
    const id = idOf((await api(grant.access_token, 'POST', '/users/me/meetings', {})).text);

    const [only] = await received(1);
    expect(deliveries).toHaveLength(1);
    expect(only?.body).toContain(`"id":${id},`);
  });
});
