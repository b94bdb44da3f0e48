import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMember } from './support/consent.js';
import { type Stack, startStack } from './support/stack.js';

const ZOOM_USER = 'jo.zoom@example.org';

let stack: Stack;
let token: string;

beforeAll(async () => {
  stack = await startStack();
  token = await connectMember(stack, 'jo@example.com', ZOOM_USER);
});
afterAll(() => stack.close());

const create = (input: Record<string, unknown>) =>
  stack.gql<{ createMeeting: Record<string, unknown> }>(
    'mutation ($i: MeetingInput) { createMeeting(input: $i) { id topic type startTime duration timezone agenda password occurrences { occurrenceId startTime status } } }',
    { i: input },
    { token },
  );

describe('the meetings surface', () => {
  it('pages through the meetings with Zoom page tokens', async () => {
    for (let n = 0; n < 5; n++) await create({ topic: `Paged ${n}` });
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await stack.gql<{ meetings: unknown }>(
        'query ($a: String) { meetings(first: 2, after: $a) { totalCount nodes { topic } pageInfo { hasNextPage endCursor } } }',
        { a: after },
        { token },
      );
      const list = page.data?.meetings as {
        totalCount: number;
        nodes: Array<{ topic: string }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
      expect(list.totalCount).toBe(5);
      seen.push(...list.nodes.map((node) => node.topic));
      after = list.pageInfo.hasNextPage ? list.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(['Paged 0', 'Paged 1', 'Paged 2', 'Paged 3', 'Paged 4']);
  });

  it('updates a meeting (Zoom answers 204) and returns it as it now is', async () => {
    const made = await create({ topic: 'Before', duration: 30 });
    const id = made.data?.createMeeting.id;
    const result = await stack.gql(
      'mutation ($id: ID!) { updateMeeting(id: $id, input: { topic: "After", agenda: "Notes" }) { id topic agenda duration } }',
      { id },
      { token },
    );
    expect(result.data?.updateMeeting).toEqual({
      id,
      topic: 'After',
      agenda: 'Notes',
      duration: 30,
    });
  });

  it('creates a recurring meeting with its occurrences and deletes one of them', async () => {
    const made = await create({
      topic: 'Weekly',
      type: 'RECURRING_FIXED_TIME',
      startTime: '2031-01-06T15:00:00Z',
      duration: 45,
      timezone: 'Europe/Paris',
      recurrence: { type: 'WEEKLY', weeklyDays: '2', endTimes: 3 },
    });
    expect(made.errors).toBeUndefined();
    const meeting = made.data?.createMeeting as {
      id: string;
      type: string;
      occurrences: Array<{ occurrenceId: string; status: string }>;
    };
    expect(meeting.type).toBe('RECURRING_FIXED_TIME');
    expect(meeting.occurrences).toHaveLength(3);

    const first = meeting.occurrences[0]?.occurrenceId;
    const deleted = await stack.gql(
      'mutation ($id: ID!, $o: String) { deleteMeeting(id: $id, occurrenceId: $o, notifyHosts: false) { success occurrenceId } }',
      { id: meeting.id, o: first },
      { token },
    );
    expect(deleted.data?.deleteMeeting).toEqual({ success: true, occurrenceId: first });
    const read = await stack.gql(
      'query ($id: ID!) { meeting(id: $id) { occurrences { occurrenceId status } } }',
      { id: meeting.id },
      { token },
    );
    const found = read.data?.meeting as { occurrences: Array<{ status: string }> };
    expect(found.occurrences.map((o) => o.status)).toEqual(['deleted', 'available', 'available']);
  });

  it('reaches a meeting by a UUID that contains //, encoded twice', async () => {
    const uuid = 'ab//cdEFghIJklMNopQRsw==';
    const seeded = await stack.control('POST', `/_sandbox/users/${ZOOM_USER}/meetings`, {
      uuid,
      topic: 'Slashes',
    });
    expect(seeded.status).toBe(201);
    const read = await stack.gql(
      'query ($id: ID!) { meeting(id: $id) { uuid topic } }',
      { id: uuid },
      { token },
    );
    expect(read.data?.meeting).toEqual({ uuid, topic: 'Slashes' });
  });

  it('refuses bad input naming the field, and sends nothing to Zoom', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ topic: 'x'.repeat(201) }, 'topic'],
      [{ agenda: 'x'.repeat(2001) }, 'agenda'],
      [{ password: 'far-too-long-1' }, 'password'],
      [{ password: 'no spaces' }, 'password'],
      [{ duration: 0 }, 'duration'],
      [{ duration: -5 }, 'duration'],
      [{ startTime: 'tomorrow at noon' }, 'startTime'],
      [{ startTime: '2031-02-30T10:00:00Z' }, 'startTime'],
      [{ timezone: 'Mars/Olympus_Mons' }, 'timezone'],
      [{ recurrence: { type: 'WEEKLY', weeklyDays: '9' } }, 'recurrence.weeklyDays'],
    ];
    const before = await stack.stats();
    for (const [input, field] of cases) {
      const result = await create(input);
      expect(result.errors?.[0]?.extensions, field).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    const badType = await create({ type: 'WEBINAR' });
    expect(badType.errors?.[0]?.message).toMatch(/WEBINAR/);
    expect((await stack.stats()).apiCalls).toBe(before.apiCalls);
  });

  it("keeps the caller's start time and time zone", async () => {
    const made = await create({
      topic: 'Local',
      startTime: '2031-03-04T09:30:00+01:00',
      timezone: 'Europe/Berlin',
      duration: 15,
    });
    expect(made.data?.createMeeting).toMatchObject({
      startTime: '2031-03-04T08:30:00.000Z',
      timezone: 'Europe/Berlin',
      duration: 15,
    });
  });
});
