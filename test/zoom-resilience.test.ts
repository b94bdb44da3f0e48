import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectMember } from './support/consent.js';
import { type Stack, startStack } from './support/stack.js';

const GET = 'query ($id: ID!) { meeting(id: $id) { id topic } }';
const CREATE = 'mutation { createMeeting(input: { topic: "Once" }) { id } }';

let stack: Stack;
let token: string;
let meetingId: string;

beforeAll(async () => {
  stack = await startStack();
  token = await connectMember(stack, 'ivy@example.com');
  const made = await stack.gql<{ createMeeting: { id: string } }>(
    'mutation { createMeeting(input: { topic: "Sturdy" }) { id } }',
    {},
    { token },
  );
  meetingId = made.data?.createMeeting.id ?? '';
});
afterEach(() => stack.control('DELETE', '/_sandbox/faults'));
afterAll(() => stack.close());

const fault = (body: Record<string, unknown>) => stack.control('POST', '/_sandbox/faults', body);

describe('the Zoom client under Zoom failures', () => {
  it('waits out two 429s with Retry-After: 1, then succeeds', async () => {
    await fault({
      match: 'GET /v2/meetings/*',
      status: 429,
      times: 2,
      headers: { 'retry-after': '1' },
      body: { code: 429, message: 'You have reached the maximum per-second rate limit.' },
    });
    const before = await stack.stats();
    const result = await stack.gql(GET, { id: meetingId }, { token });
    expect(result.data?.meeting).toEqual({ id: meetingId, topic: 'Sturdy' });
    expect((await stack.stats()).apiCalls - before.apiCalls).toBe(3);
  });

  it('gives up with ZOOM_RATE_LIMITED and retryAfter when 429 goes on', async () => {
    await fault({
      match: 'GET /v2/meetings/*',
      status: 429,
      times: 100,
      headers: { 'retry-after': '1' },
      body: { code: 429, message: 'You have reached the maximum per-second rate limit.' },
    });
    const before = await stack.stats();
    const result = await stack.gql(GET, { id: meetingId }, { token });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'ZOOM_RATE_LIMITED',
      retryAfter: 1,
      retryable: true,
      zoomCode: 429,
    });
    expect((await stack.stats()).apiCalls - before.apiCalls).toBe(4);
  });

  it('fails at once on a daily limit, with the seconds until it resets', async () => {
    const tomorrow = new Date();
    tomorrow.setUTCHours(24, 0, 0, 0);
    await fault({
      match: 'POST /v2/users/*/meetings',
      status: 429,
      times: 5,
      headers: { 'retry-after': tomorrow.toISOString(), 'x-ratelimit-type': 'Daily-limit' },
      body: {
        code: 429,
        message:
          'You have exceeded the daily rate limit (100) of Meeting Create/Update API requests.',
      },
    });
    const before = await stack.stats();
    const result = await stack.gql(CREATE, {}, { token });
    const retryAfter = Number(result.errors?.[0]?.extensions?.retryAfter);
    expect(result.errors?.[0]?.extensions?.code).toBe('ZOOM_RATE_LIMITED');
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect((await stack.stats()).apiCalls - before.apiCalls).toBe(1);
  });

  it('never sends a POST twice: a 500 after Zoom applied it leaves exactly one meeting', async () => {
    await fault({ match: 'POST /v2/users/*/meetings', status: 500, afterApply: true, body: '' });
    const before = await stack.stats();
    const result = await stack.gql(CREATE, {}, { token });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'ZOOM_API_ERROR', status: 500 });
    // The client must not be told to try again: the meeting may exist.
    expect(result.errors?.[0]?.extensions?.retryable).toBeUndefined();
    const after = await stack.stats();
    expect(after.apiCalls - before.apiCalls).toBe(1);
    expect(after.meetings - before.meetings).toBe(1);
  });

  it('retries a GET after a 503', async () => {
    await fault({ match: 'GET /v2/meetings/*', status: 503, body: { code: 503, message: 'busy' } });
    const result = await stack.gql(GET, { id: meetingId }, { token });
    expect(result.data?.meeting).toEqual({ id: meetingId, topic: 'Sturdy' });
  });

  it('turns a 200 with an HTML body into ZOOM_API_ERROR, with the tracking id', async () => {
    await fault({
      match: 'GET /v2/meetings/*',
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>Gateway Timeout</body></html>',
    });
    const result = await stack.gql(GET, { id: meetingId }, { token });
    expect(result.errors?.[0]?.extensions?.code).toBe('ZOOM_API_ERROR');
    expect(result.errors?.[0]?.message).toBe('Zoom answered with a body that is not JSON');
    const trackingId = String(result.errors?.[0]?.extensions?.trackingId);
    expect(trackingId).toMatch(/\w{8,}/);
    expect(stack.logs.some((line) => line.includes(trackingId))).toBe(true);
  });

  it('reads an empty or non-JSON error body without crashing', async () => {
    await fault({ match: 'GET /v2/meetings/*', status: 400, body: 'not json at all' });
    const result = await stack.gql(GET, { id: meetingId }, { token });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'ZOOM_API_ERROR', status: 400 });
    expect(result.errors?.[0]?.message).toBe('Zoom answered 400');
  });

  it('refreshes once and retries once when Zoom rejects a token it had not yet expired', async () => {
    const before = await stack.store.document('ivy@example.com');
    const stats = await stack.stats();
    await fault({
      match: 'GET /v2/meetings/*',
      status: 401,
      body: { code: 124, message: 'Invalid access token.' },
    });
    const result = await stack.gql(GET, { id: meetingId }, { token });
    expect(result.data?.meeting).toEqual({ id: meetingId, topic: 'Sturdy' });
    const after = await stack.stats();
    expect(after.refreshes - stats.refreshes).toBe(1);
    expect(after.apiCalls - stats.apiCalls).toBe(2);
    expect((await stack.store.document('ivy@example.com'))?.access_token).not.toBe(
      before?.access_token,
    );
  });
});
