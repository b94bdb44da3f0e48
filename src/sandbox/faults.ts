import { isIntegerIn, isRecord } from './field-checks.js';
import { JSON_TYPE, type Reply } from './http-io.js';
import { writeJson } from './json-codec.js';

/** An injected answer for the next matching calls to Zoom's paths. */
export interface Fault {
  /** A method or `*`, a space, then a path glob: `*` is one segment, `**` any number. */
  match: string;
  /** The status to answer with; absent, the real answer is sent, late by `latencyMs`. */
  status?: number;
  /** How many more calls it applies to. */
  times: number;
  headers: Record<string, string>;
  /** An object is sent as JSON, a string as given, nothing as an empty body. */
  body?: unknown;
  latencyMs: number;
  /** Do the real work first, then answer with the fault instead. */
  afterApply: boolean;
}

/** Reads the body of `POST /_sandbox/faults`; a string is the reason it was refused. */
export function readFault(value: unknown): Fault | string {
  if (!isRecord(value)) return 'The fault must be a JSON object.';

  const { match, status, times = 1, headers = {}, body, latencyMs = 0, afterApply = false } = value;
  if (typeof match !== 'string' || match.trim() === '') return '"match" must be a string.';
  if (status !== undefined && !isIntegerIn(status, 100, 599)) return '"status" must be 100-599.';
  if (status === undefined && value.latencyMs === undefined) {
    return 'Give "status", "latencyMs" or both.';
  }
  if (!isIntegerIn(times, 1, 1_000_000)) return '"times" must be a positive integer.';
  if (!isIntegerIn(latencyMs, 0, 600_000)) return '"latencyMs" must be 0-600000.';
  if (typeof afterApply !== 'boolean') return '"afterApply" must be a boolean.';
  if (!isRecord(headers) || !Object.values(headers).every((item) => typeof item === 'string')) {
    return '"headers" must map names to strings.';
  }

  const lowerCased = Object.entries(headers).map(([name, item]) => [name.toLowerCase(), item]);
  return {
    match: match.trim(),
    status,
    times,
    headers: Object.fromEntries(lowerCased),
    body,
    latencyMs,
    afterApply,
  };
}

/** Faults in the order they were queued; each call uses up the first that matches. */
export class FaultQueue {
  private queue: Fault[] = [];

  add(fault: Fault): void {
    this.queue.push(fault);
  }

  clear(): number {
    const count = this.queue.length;
    this.queue = [];
    return count;
  }

  pending(): readonly Fault[] {
    return this.queue;
  }

  /** Takes one use of the first fault matching this call, if any. */
  take(method: string, segments: readonly string[]): Fault | undefined {
    const fault = this.queue.find((item) => matches(item.match, method, segments));
    if (!fault) return undefined;

    fault.times -= 1;
    if (fault.times === 0) this.queue = this.queue.filter((item) => item !== fault);
    return fault;
  }
}

function matches(match: string, method: string, segments: readonly string[]): boolean {
  const [first = '', second] = match.split(/\s+/);
  const [wanted, glob] = second === undefined ? ['*', first] : [first.toUpperCase(), second];
  if (wanted !== '*' && wanted !== method) return false;
  return globMatches(glob.replace(/^\/+/, '').split('/'), segments);
}

// `*` stands for one segment, `**` for any number of them (none included).
function globMatches(parts: readonly string[], segments: readonly string[]): boolean {
  const [part, ...rest] = parts;
  if (part === undefined) return segments.length === 0;
  if (part === '**') {
    return (
      segments.some((_, index) => globMatches(rest, segments.slice(index))) || globMatches(rest, [])
    );
  }

  const [segment, ...others] = segments;
  if (segment === undefined) return false;
  return (part === '*' || part === segment) && globMatches(rest, others);
}

/** The answer a fault gives in place of the real one. */
export function faultReply(fault: Fault & { status: number }): Reply {
  const { body } = fault;
  if (body === undefined || body === null) {
    return { status: fault.status, headers: { ...fault.headers } };
  }

  const text = typeof body === 'string' ? body : writeJson(body);
  const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : JSON_TYPE;
  return { status: fault.status, headers: { 'content-type': type, ...fault.headers }, body: text };
}
