import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { faultReply } from './faults.js';
import {
  formBody,
  type Reply,
  RequestError,
  readRequest,
  type SandboxRequest,
  writeReply,
  zoomError,
} from './http-io.js';
import { trackingId } from './random-ids.js';
import { matchRoute, type Route } from './router.js';
import type { SandboxState } from './sandbox-state.js';

/** Handles one HTTP exchange. */
export type RequestListener = (incoming: IncomingMessage, res: ServerResponse) => Promise<void>;

// Faults, latency and tracking ids apply to what Zoom would answer, never to /_sandbox.
function isZoomPath(request: SandboxRequest): boolean {
  const [first] = request.segments;
  return first === 'oauth' || first === 'v2';
}

function count(state: SandboxState, request: SandboxRequest): void {
  const { counters } = state;
  const [first, second] = request.segments;
  if (first === 'v2') counters.apiCalls += 1;
  if (first !== 'oauth' || request.method !== 'POST') return;

  if (second === 'revoke') counters.revokes += 1;
  if (second !== 'token') return;
  const grantType = formBody(request).get('grant_type');
  if (grantType === 'authorization_code') counters.tokenExchanges += 1;
  if (grantType === 'refresh_token') counters.refreshes += 1;
}

async function route(routes: readonly Route[], request: SandboxRequest): Promise<Reply> {
  const found = matchRoute(routes, request);
  if (!found) return zoomError(404, 404, 'Not Found');
  return found.route.handler(request, found.params);
}

/**
 * Reads a request, counts it, lets the first matching fault answer (before or after the real
 * work), waits out the configured latency, and writes the answer.
 */
export function requestPipeline(
  state: SandboxState,
  routes: readonly Route[],
  latencyMs: number,
): RequestListener {
  return async (incoming, res) => {
    const started = performance.now();
    let request: SandboxRequest;
    try {
      request = await readRequest(incoming);
    } catch (error) {
      const status = error instanceof RequestError ? error.status : 400;
      writeReply(res, zoomError(status, status, 'Bad Request'), {});
      return;
    }

    const zoomPath = isZoomPath(request);
    count(state, request);
    const api = request.segments[0] === 'v2';
    if (api) {
      state.apiCallsInFlight += 1;
      const { counters } = state;
      counters.maxConcurrentApiCalls = Math.max(
        counters.maxConcurrentApiCalls,
        state.apiCallsInFlight,
      );
    }
    const fault = zoomPath ? state.faults.take(request.method, request.segments) : undefined;
    const status = fault?.status;

    let reply: Reply;
    try {
      const early = fault && status !== undefined && !fault.afterApply;
      reply = early ? faultReply({ ...fault, status }) : await route(routes, request);
      if (fault?.afterApply && status !== undefined) reply = faultReply({ ...fault, status });
    } catch (error) {
      state.log('request failed', { path: request.path, error: String(error) });
      reply = zoomError(500, 500, 'Internal Server Error');
    }

    const delay = (zoomPath ? latencyMs : 0) + (fault?.latencyMs ?? 0);
    if (delay > 0) await sleep(delay);

    if (api) state.apiCallsInFlight -= 1;
    writeReply(res, reply, zoomPath ? { 'x-zm-trackingid': trackingId() } : {});
    state.log('request', {
      method: request.method,
      path: request.path,
      status: reply.status,
      faulted: fault !== undefined,
      ms: Math.round(performance.now() - started),
    });
  };
}
