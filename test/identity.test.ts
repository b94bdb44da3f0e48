import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMember } from './support/consent.js';
import { API_KEY, type Stack, startStack } from './support/stack.js';

let stack: Stack;
let ada: string;
let meetingId: string;

beforeAll(async () => {
  stack = await startStack();
  ada = await connectMember(stack, 'ada@example.com');
  const created = await stack.gql<{ createMeeting: { id: string } }>(
    'mutation { createMeeting(input: { topic: "Ada only" }) { id } }',
    {},
    { token: ada },
  );
  meetingId = created.data?.createMeeting.id ?? '';
});
afterAll(() => stack.close());

const VALIDATE = 'query ($e: String!) { validateMember(userEmail: $e) { valid reason } }';

describe('who may act for whom', () => {
  it('says "Member is not logged in" when no token is sent', async () => {
    const result = await stack.gql(VALIDATE, { e: 'ada@example.com' });
    expect(result.data?.validateMember).toEqual({
      valid: false,
      reason: 'Member is not logged in',
    });
    const viewer = await stack.gql('{ viewer { email } }');
    expect(viewer.data?.viewer).toBeNull();
  });

  it('says "Email addresses do not match" for another member\'s email', async () => {
    const result = await stack.gql(VALIDATE, { e: 'eve@example.com' }, { token: ada });
    expect(result.data?.validateMember).toEqual({
      valid: false,
      reason: 'Email addresses do not match',
    });
    const own = await stack.gql(VALIDATE, { e: 'ADA@example.com' }, { token: ada });
    expect(own.data?.validateMember).toEqual({ valid: true, reason: null });
  });

  it('refuses meeting operations on another member with FORBIDDEN', async () => {
    const eve = await stack.memberToken('eve@example.com');
    const calls = [
      [
        'query ($id: ID!, $e: String) { meeting(id: $id, userEmail: $e) { id } }',
        { id: meetingId },
      ],
      ['mutation ($e: String) { createMeeting(input: {}, userEmail: $e) { id } }', {}],
      [
        'mutation ($id: ID!, $e: String) { deleteMeeting(id: $id, userEmail: $e) { success } }',
        { id: meetingId },
      ],
      [
        'mutation ($e: String) { zoomRequest(method: GET, url: "/users/me", userEmail: $e) { status } }',
        {},
      ],
    ] as const;
    for (const [query, variables] of calls) {
      const result = await stack.gql(query, { ...variables, e: 'ada@example.com' }, { token: eve });
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.errors?.[0]?.message).toBe('Email addresses do not match');
    }
    const still = await stack.gql(
      'query ($id: ID!) { meeting(id: $id) { topic } }',
      { id: meetingId },
      { token: ada },
    );
    expect(still.data?.meeting).toEqual({ topic: 'Ada only' });
  });

  it('refuses meeting operations without a token with UNAUTHENTICATED', async () => {
    const result = await stack.gql('mutation { createMeeting(input: {}) { id } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0]?.message).toBe('Member is not logged in');
  });

  it('lets a backend key act for any connected member', async () => {
    const backend = { apiKey: API_KEY };
    const read = await stack.gql(
      'query ($id: ID!) { meeting(id: $id, userEmail: "ada@example.com") { topic } }',
      { id: meetingId },
      backend,
    );
    expect(read.data?.meeting).toEqual({ topic: 'Ada only' });

    const created = await stack.gql<{ createMeeting: { topic: string } }>(
      'mutation { createMeeting(input: { topic: "From the backend" }, userEmail: "Ada@Example.com") { topic } }',
      {},
      backend,
    );
    expect(created.data?.createMeeting).toEqual({ topic: 'From the backend' });
  });

  it('tells a backend that names nobody, or a member who never connected, what is wrong', async () => {
    const backend = { apiKey: API_KEY };
    const nobody = await stack.gql('mutation { createMeeting(input: {}) { id } }', {}, backend);
    expect(nobody.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'userEmail',
    });
    const stranger = await stack.gql(
      'mutation { createMeeting(input: {}, userEmail: "nobody@example.com") { id } }',
      {},
      backend,
    );
    expect(stranger.errors?.[0]?.extensions?.code).toBe('ZOOM_NOT_CONNECTED');
  });

  it('refuses a wrong API key and a token signed with another secret', async () => {
    const wrongKey = await stack.gql(
      'mutation { createMeeting(input: {}, userEmail: "ada@example.com") { id } }',
      {},
      { apiKey: 'not-the-key-0123456789' },
    );
    expect(wrongKey.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrongKey.errors?.[0]?.message).toBe('The API key is not valid');
  });
});
