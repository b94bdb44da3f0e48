/**
 * What the gateway adds over calling Zoom directly, measured against the sandbox in one run:
 * the same meeting read straight from the sandbox (baseline) and through `meeting(id)`, and
 * 20 meetings read one by one (baseline) and as one GraphQL document. Prints ratios.
 *
 *   npm run bench                      # 20 ms sandbox latency, 5 s per run
 *   BENCH_LATENCY_MS=0 BENCH_SECONDS=3 npm run bench
 */
import autocannon from 'autocannon';
import { connectMember } from '../test/support/consent.js';
import { startStack } from '../test/support/stack.js';

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = 10;

type Result = autocannon.Result;

function run(options: autocannon.Options): Promise<Result> {
  return autocannon({ connections, duration: seconds, ...options });
}

function line(name: string, result: Result) {
  const { requests, latency, errors, non2xx } = result;
  return `${name.padEnd(28)} ${requests.average.toFixed(0).padStart(7)} req/s  p50 ${latency.p50} ms  p99 ${latency.p99} ms  errors ${errors + non2xx}`;
}

const stack = await startStack({
  latencyMs,
  env: { RATE_LIMIT_BURST: '100000000', RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'warn' },
});
const token = await connectMember(stack, 'bench@example.com');
const accessToken = (await stack.store.document('bench@example.com'))?.access_token ?? '';
const ids: string[] = [];
for (let n = 0; n < 20; n++) {
  const made = await stack.gql<{ createMeeting: { id: string } }>(
    'mutation { createMeeting(input: {}) { id } }',
    {},
    { token },
  );
  ids.push(made.data?.createMeeting.id ?? '');
}
const memoryBefore = process.memoryUsage().rss;

const direct = await run({
  url: `${stack.sandbox.apiUrl}/meetings/${ids[0]}`,
  headers: { authorization: `Bearer ${accessToken}` },
});
const gateway = await run({
  url: `${stack.url}/graphql`,
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ query: `{ meeting(id: "${ids[0]}") { id topic joinUrl } }` }),
});

const sequentialStart = performance.now();
for (const id of ids) {
  await fetch(`${stack.sandbox.apiUrl}/meetings/${id}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  }).then((r) => r.arrayBuffer());
}
const sequentialMs = performance.now() - sequentialStart;
const fields = ids.map((id, n) => `m${n}: meeting(id: "${id}") { id }`).join(' ');
const fanoutStart = performance.now();
await stack.gql(`{ ${fields} }`, {}, { token });
const fanoutMs = performance.now() - fanoutStart;
const memoryAfter = process.memoryUsage().rss;

console.log(`sandbox latency ${latencyMs} ms, ${connections} connections, ${seconds} s per run\n`);
console.log(line('Zoom (sandbox) directly', direct));
console.log(line('through the gateway', gateway));
console.log(
  `\nthroughput ratio gateway/direct: ${(gateway.requests.average / direct.requests.average).toFixed(2)}`,
);
console.log(
  `p50 latency ratio gateway/direct: ${(gateway.latency.p50 / Math.max(1, direct.latency.p50)).toFixed(2)}`,
);
console.log(
  `20 meetings: one by one ${sequentialMs.toFixed(0)} ms, one document ${fanoutMs.toFixed(0)} ms, ratio ${(fanoutMs / sequentialMs).toFixed(2)}`,
);
console.log(`resident memory after the runs / before: ${(memoryAfter / memoryBefore).toFixed(2)}`);
await stack.close();
