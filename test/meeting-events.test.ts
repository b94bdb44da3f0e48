import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMember } from './support/consent.js';
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
  const controller = new AbortController();
  const response = await fetch(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query: SUBSCRIBE, variables }),
    signal: controller.signal,
  });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: unknown[] = [];
  let buffer = '';
  const timer = setTimeout(() => controller.abort(), 5000);

  // The answer's headers come once the subscription is set up; the sandbox's webhooks then
  // travel over HTTP, so they arrive after the stream is listening.
  await trigger();
  try {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (const line of buffer.split('\n')) {
        if (!line.startsWith('data: ')) continue;
        const event = JSON.parse(line.slice(6));
        if (event.data?.meetingEvents?.event !== 'meeting.created') events.push(event);
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
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
    const controller = new AbortController();
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${wes}`,
      },
      body: JSON.stringify({ query: 'subscription { meetingEvents { event topic } }' }),
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
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

    let text = '';
    const timer = setTimeout(() => controller.abort(), 800);
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    } catch {
      // Aborted by the timer: the stream stayed open and quiet, as it should.
    }
    clearTimeout(timer);
    expect(text).not.toContain('Private');
  });
});
