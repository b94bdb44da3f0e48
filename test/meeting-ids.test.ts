import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMember } from './support/consent.js';
import { type Stack, startStack } from './support/stack.js';

const BIG_ID = '98765432109876543';

let stack: Stack;
let token: string;

beforeAll(async () => {
  stack = await startStack();
  token = await connectMember(stack, 'fay@example.com', 'fay.zoom@example.org');
});
afterAll(() => stack.close());

describe('64-bit meeting ids', () => {
  it(`keeps every digit of ${BIG_ID} through the REST client and GraphQL`, async () => {
    expect(Number(BIG_ID).toString()).not.toBe(BIG_ID);
    const seeded = await stack.control('POST', '/_sandbox/users/fay.zoom@example.org/meetings', {
      id: BIG_ID,
      topic: 'Big number',
    });
    expect(seeded.status).toBe(201);

    const read = await stack.gql<{ meeting: { id: string; topic: string; zoom: { id: unknown } } }>(
      'query ($id: ID!) { meeting(id: $id) { id topic zoom } }',
      { id: BIG_ID },
      { token },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?.meeting.id).toBe(BIG_ID);
    expect(read.data?.meeting.topic).toBe('Big number');
    expect(read.data?.meeting.zoom.id).toBe(BIG_ID);

    const raw = await stack.gql<{ zoomRequest: { body: { id: unknown } } }>(
      `mutation { zoomRequest(method: GET, url: "/meetings/${BIG_ID}") { status body } }`,
      {},
      { token },
    );
    expect(raw.data?.zoomRequest.body.id).toBe(BIG_ID);

    const deleted = await stack.gql(
      'mutation ($id: ID!) { deleteMeeting(id: $id) { success id } }',
      { id: BIG_ID },
      { token },
    );
    expect(deleted.data?.deleteMeeting).toEqual({ success: true, id: BIG_ID });
  });

  it('refuses an id that is neither digits nor a meeting UUID, before calling Zoom', async () => {
    const before = await stack.stats();
    for (const id of ['12345678901234567890', '12a45', '../users/me', '1 2']) {
      const result = await stack.gql(
        'query ($id: ID!) { meeting(id: $id) { id } }',
        { id },
        { token },
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    }
    expect((await stack.stats()).apiCalls).toBe(before.apiCalls);
  });
});
