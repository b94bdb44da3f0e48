import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMember } from './support/consent.js';
import { subscribe } from './support/sse.js';
import { API_KEY, type Stack, startStack } from './support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const SUBSCRIBE = `subscription ($id: ID) {
  meetingEvents(meetingId: $id) { event meetingId topic hostId }
}`;

/**
 * Opens a subscription over SSE and returns the next `count` events it delivers, leaving out
 * `meeting.created`: the sandbox posts that one for the set-up, at a moment of its own.
 */
async function nextEvents(
  headers: Record<string, string>,
  variables: Record<string, unknown>,
  count: number,
  trigger: () => Promise<unknown>,
) {
  const stream = await subscribe(stack.url, headers, SUBSCRIBE, variables);
  expect(stream.response.headers.get('content-type')).toContain('text/event-stream');

  // The answer's headers come once the subscription is set up; the sandbox's webhooks then
  // travel over HTTP, so they arrive after the stream is listening.
  await trigger();
  try {
    return await stream.events(count, 5000, (event) => {
      const name = (event as { data?: { meetingEvents?: { event?: string } } }).data?.meetingEvents;
      return name?.event !== 'meeting.created';
    });
  } finally {
    stream.close();
  }
}

describe('meetingEvents', () => {
  it("delivers a meeting's start and end to its host, from Zoom's webhooks", async () => {
    const token = await connectMember(stack, 'ora@example.com', 'ora.zoom@example.org');
    const made = await stack.gql<{ createMeeting: { id: string } }>(
      'mutation { createMeeting(input: { topic: "Live" }) { id } }',
      {},
      { token },
    );
    const id = made.data?.createMeeting.id ?? '';
    const hostId = (await stack.store.zoomIdentity('ora@example.com'))?.zoomUserId;

    const events = await nextEvents({ authorization: `Bearer ${token}` }, { id }, 2, async () => {
      await stack.control('POST', `/_sandbox/meetings/${id}/start`);
      await stack.control('POST', `/_sandbox/meetings/${id}/end`);
    });
    expect(events).toEqual([
      {
        data: { meetingEvents: { event: 'meeting.started', meetingId: id, topic: 'Live', hostId } },
      },
      { data: { meetingEvents: { event: 'meeting.ended', meetingId: id, topic: 'Live', hostId } } },
    ]);
  });

  it("does not tell a member about another member's meetings", async () => {
    const ora = await connectMember(stack, 'ora@example.com', 'ora.zoom@example.org');
    const pat = await connectMember(stack, 'pat@example.com', 'pat.zoom@example.org');
    const create = (token: string, topic: string) =>
      stack.gql<{ createMeeting: { id: string } }>(
        'mutation ($t: String) { createMeeting(input: { topic: $t }) { id } }',
        { t: topic },
        { token },
      );
    const theirs = (await create(pat, 'Not yours')).data?.createMeeting.id ?? '';
    const mine = (await create(ora, 'Yours')).data?.createMeeting.id ?? '';

    const events = await nextEvents({ authorization: `Bearer ${ora}` }, {}, 1, async () => {
      await stack.control('POST', `/_sandbox/meetings/${theirs}/start`);
      await stack.control('POST', `/_sandbox/meetings/${mine}/start`);
    });
    expect(events).toEqual([
      expect.objectContaining({
        data: { meetingEvents: expect.objectContaining({ meetingId: mine, topic: 'Yours' }) },
      }),
    ]);
  });

  it('lets a backend follow every meeting', async () => {
    const token = await connectMember(stack, 'quin@example.com', 'quin.zoom@example.org');
    const made = await stack.gql<{ createMeeting: { id: string } }>(
      'mutation { createMeeting(input: { topic: "Watched" }) { id } }',
      {},
      { token },
    );
    const id = made.data?.createMeeting.id ?? '';
    const events = await nextEvents({ 'x-api-key': API_KEY }, { id }, 1, () =>
      stack.control('POST', `/_sandbox/meetings/${id}/start`),
    );
    expect(events).toEqual([
      expect.objectContaining({
        data: {
          meetingEvents: expect.objectContaining({ event: 'meeting.started', meetingId: id }),
        },
      }),
    ]);
  });
});

describe('meetingEvents after a disconnect', () => {
  it('stops telling a member about the Zoom account they disconnected', async () => {
    const wes = await connectMember(stack, 'wes@example.com', 'shared.zoom@example.org');
    const stream = await subscribe(
      stack.url,
      { authorization: `Bearer ${wes}` },
      'subscription { meetingEvents { event topic } }',
    );
    expect((await stack.gql('mutation { disconnectZoom }', {}, { token: wes })).data).toEqual({
      disconnectZoom: true,
    });

    const xia = await connectMember(stack, 'xia@example.com', 'shared.zoom@example.org');
    const made = await stack.gql<{ createMeeting: { id: string } }>(
      'mutation { createMeeting(input: { topic: "Private" }) { id } }',
      {},
      { token: xia },
    );
    await stack.control('POST', `/_sandbox/meetings/${made.data?.createMeeting.id}/start`);

    const text = await stream.text(800);
    stream.close();
    expect(text).not.toContain('Private');
  });
});
