import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMember } from './support/consent.js';
import { FaultyStore } from './support/faulty-store.js';
import { type Stack, startStack } from './support/stack.js';

const LATENCY_MS = 50;

let stack: Stack;
let token: string;
let ids: string[];
let counting: FaultyStore;

beforeAll(async () => {
  stack = await startStack({
    latencyMs: LATENCY_MS,
    wrapStore: (store) => {
      counting = new FaultyStore(store);
      return counting;
    },
  });
  token = await connectMember(stack, 'hal@example.com');
  ids = [];
  // One at a time, so that the sandbox's concurrency high-water mark stays at 1 until the test.
  for (let n = 0; n < 20; n++) {
    const made = await stack.gql<{ createMeeting: { id: string } }>(
      'mutation ($t: String) { createMeeting(input: { topic: $t }) { id } }',
      { t: `Meeting ${n}` },
      { token },
    );
    ids.push(made.data?.createMeeting.id ?? '');
  }
});
afterAll(() => stack.close());

describe('loading meetings within one request', () => {
  it('fetches a meeting asked for under 20 aliases once', async () => {
    const fields = Array.from({ length: 20 }, (_, n) => `m${n}: meeting(id: $id) { id topic }`);
    const before = await stack.stats();
    const result = await stack.gql<Record<string, { id: string; topic: string }>>(
      `query ($id: ID!) { ${fields.join(' ')} }`,
      { id: ids[0] },
      { token },
    );
    expect(result.errors).toBeUndefined();
    expect(Object.values(result.data ?? {})).toEqual(
      Array(20).fill({ id: ids[0], topic: 'Meeting 0' }),
    );
    expect((await stack.stats()).apiCalls - before.apiCalls).toBe(1);
  });

  it('fetches 20 different meetings side by side, at most 8 at a time', async () => {
    const fields = ids.map((id, n) => `m${n}: meeting(id: "${id}") { id topic }`);
    const before = await stack.stats();
    const findsBefore = counting.finds;
    const result = await stack.gql<Record<string, { id: string; topic: string }>>(
      `{ ${fields.join(' ')} }`,
      {},
      { token },
    );
    expect(result.errors).toBeUndefined();
    expect(Object.values(result.data ?? {}).map((m) => m.id)).toEqual(ids);
    const after = await stack.stats();
    expect(before.maxConcurrentApiCalls).toBe(1);
    expect(after.apiCalls - before.apiCalls).toBe(20);
    expect(after.maxConcurrentApiCalls).toBeGreaterThanOrEqual(4);
    expect(after.maxConcurrentApiCalls).toBeLessThanOrEqual(8);
    expect(counting.finds - findsBefore).toBe(1);
  });
});
