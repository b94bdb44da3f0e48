import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { GatewayContext } from './context.js';
import { memberTag } from './logger.js';

interface RequestFacts {
  id: string;
  start: number;
  operation?: string;
  caller?: string;
  codes?: string[];
  trackingIds?: string[];
}

/** The operation's name as the caller gave it, cut short: anyone may send one of any size. */
function operationName(query: string | undefined, given: string | null | undefined) {
  const name =
    given || /\b(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query ?? '')?.[2];
  return name?.slice(0, 80);
}

function callerOf(context: Partial<GatewayContext>): string {
  const identity = context.identity;
  if (identity?.kind === 'member') return `member:${memberTag(identity.email)}`;
  return identity?.kind ?? 'anonymous';
}

/**
 * One log line per request: its id (also sent back as `x-request-id`), the operation, who
 * called (members as a hash), the outcome and the time. Query strings are left out, since
 * Zoom's callback carries the OAuth code in one.
 */
export function useRequestLog(log: Logger): Plugin {
  const facts = new WeakMap<Request, RequestFacts>();
  return {
    onRequest({ request }) {
      facts.set(request, { id: randomUUID(), start: performance.now() });
    },
    onParams({ request, params }) {
      const entry = facts.get(request);
      if (entry) entry.operation = operationName(params.query, params.operationName);
    },
    onExecutionResult({ request, context }) {
      const entry = facts.get(request);
      if (entry) entry.caller = callerOf(context as Partial<GatewayContext>);
    },
    // After useErrorCodes has given every error its code, whether it came from execution or not.
    onResultProcess({ request, result }) {
      const entry = facts.get(request);
      if (!entry || Symbol.asyncIterator in Object(result)) return;
      const results = (Array.isArray(result) ? result : [result]) as Array<{
        errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }>;
      }>;
      const errors = results.flatMap((item) => item.errors ?? []);
      if (!errors.length) return;
      entry.codes = errors.map((error) => String(error.extensions?.code ?? 'UNKNOWN'));
      // Zoom's support asks for its tracking id, so it goes into the line with the failure.
      const ids = errors.map((error) => error.extensions?.trackingId).filter(Boolean);
      if (ids.length) entry.trackingIds = ids.map(String);
    },
    onResponse({ request, response }) {
      const entry = facts.get(request);
      if (!entry) return;
      response.headers.set('x-request-id', entry.id);
      const url = new URL(request.url);
      log.info(
        {
          reqId: entry.id,
          method: request.method,
          path: url.pathname,
          status: response.status,
          operation: entry.operation,
          caller: entry.caller,
          errors: entry.codes,
          zoomTrackingIds: entry.trackingIds,
          ms: Math.round(performance.now() - entry.start),
        },
        'request',
      );
    },
  };
}
