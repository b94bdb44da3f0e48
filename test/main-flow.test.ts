import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consent, readForm } from './support/consent.js';
import { type Stack, startStack } from './support/stack.js';
import { DOCUMENT_FIELDS } from './support/stores.js';

const MEMBER = 'ada@example.com';
const MEETING_FIELDS = 'id uuid topic type status startTime duration timezone joinUrl hostEmail';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

describe('a member connects Zoom and manages a meeting', () => {
  it('goes from the authorize URL to a deleted meeting with no mock in between', async () => {
    const token = await stack.memberToken(MEMBER);
    const options = { returnTo: '/events/42', form: { name: 'Ada', seats: 3 } };

    const asked = await stack.gql<{ zoomAuthorizeUrl: string }>(
      'query ($o: JSON) { zoomAuthorizeUrl(options: $o) }',
      { o: options },
      { token },
    );
    const authorizeUrl = new URL(asked.data?.zoomAuthorizeUrl ?? '');
    expect(authorizeUrl.origin).toBe(stack.sandbox.url);
    expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`${stack.url}/oauth/callback`);
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');

    const page = await fetch(authorizeUrl);
    const { fields } = readForm(await page.text());
    expect(fields.email).toMatch(/@/);

    const back = await consent(authorizeUrl.toString(), 'ada.zoom@example.org');
    expect(`${back.origin}${back.pathname}`).toBe(`${stack.url}/oauth/callback`);
    const callback = await fetch(back, { redirect: 'manual' });
    expect(callback.status).toBe(302);
    const handedOver = new URL(callback.headers.get('location') ?? '');
    expect(`${handedOver.origin}${handedOver.pathname}`).toBe(`${stack.url}/`);
    const code = handedOver.searchParams.get('code') ?? '';
    const state = handedOver.searchParams.get('state') ?? '';
    expect(code).not.toBe('');
    expect(state).toBe(authorizeUrl.searchParams.get('state'));

    const connected = await stack.gql(
      `mutation ($c: String!, $s: String!) {
        connectZoom(code: $c, state: $s) { success state { userEmail options } }
      }`,
      { c: code, s: state },
      { token },
    );
    expect(connected.errors).toBeUndefined();
    expect(connected.data?.connectZoom).toEqual({
      success: true,
      state: { userEmail: MEMBER, options },
    });

    const doc = await stack.store.document(MEMBER);
    expect(Object.keys(doc ?? {}).sort()).toEqual(DOCUMENT_FIELDS);
    expect(doc).toMatchObject({ userEmail: MEMBER, expires_in: 3599, token_type: 'bearer' });
    expect(doc?._updatedDate).toBeInstanceOf(Date);
    expect(String(doc?.scope)).toContain('meeting:write:meeting');

    const created = await stack.gql<{ createMeeting: Record<string, unknown> }>(
      `mutation { createMeeting(input: {}) { ${MEETING_FIELDS} } }`,
      {},
      { token },
    );
    expect(created.errors).toBeUndefined();
    const meeting = created.data?.createMeeting ?? {};
    expect(meeting.id).toMatch(/^\d{11}$/);
    expect(meeting).toMatchObject({
      topic: 'Zoom meeting',
      type: 'SCHEDULED',
      duration: 60,
      timezone: 'UTC',
      hostEmail: 'ada.zoom@example.org',
    });
    expect(Date.parse(String(meeting.startTime))).toBeGreaterThan(Date.now());

    const read = await stack.gql<{ meeting: Record<string, unknown> }>(
      `query ($id: ID!) { meeting(id: $id) { ${MEETING_FIELDS} } }`,
      { id: meeting.id },
      { token },
    );
    expect(read.data?.meeting).toEqual(meeting);

    const deleted = await stack.gql(
      'mutation ($id: ID!) { deleteMeeting(id: $id) { success id } }',
      { id: meeting.id },
      { token },
    );
    expect(deleted.data?.deleteMeeting).toEqual({ success: true, id: meeting.id });

    const gone = await stack.gql(
      'query ($id: ID!) { meeting(id: $id) { id } }',
      { id: meeting.id },
      { token },
    );
    expect(gone.errors?.[0]?.extensions?.code).toBe('ZOOM_NOT_FOUND');
    expect(gone.errors?.[0]?.extensions?.zoomCode).toBe(3001);
  });

  it('reports the connection without ever showing a token', async () => {
    const token = await stack.memberToken(MEMBER);
    const result = await stack.gql(
      '{ viewer { email zoomConnection { connected scope expiresAt expired } } }',
      {},
      { token },
    );
    const viewer = result.data?.viewer as { zoomConnection: Record<string, unknown> };
    const connection = viewer.zoomConnection;
    expect(connection.connected).toBe(true);
    expect(connection.expired).toBe(false);
    expect(connection.scope).toContain('meeting:read:meeting');
    const doc = await stack.store.document(MEMBER);
    expect(JSON.stringify(result)).not.toContain(String(doc?.access_token));
  });

  it('disconnects: the tokens are revoked at Zoom and the document removed', async () => {
    const token = await stack.memberToken(MEMBER);
    const before = await stack.stats();
    const result = await stack.gql('mutation { disconnectZoom }', {}, { token });
    expect(result.data?.disconnectZoom).toBe(true);
    expect((await stack.stats()).revokes).toBe(before.revokes + 1);
    expect(await stack.store.document(MEMBER)).toBeNull();

    const status = await stack.gql('{ zoomConnection { connected } }', {}, { token });
    expect(status.data?.zoomConnection).toEqual({ connected: false });
  });
});
