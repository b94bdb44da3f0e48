import { randomBytes } from 'node:crypto';
import { readFault } from './faults.js';
import { jsonReply, type Reply, type SandboxRequest, zoomError } from './http-io.js';
import { integerDigits, readJson } from './json-codec.js';
import { readMeetingBody } from './meeting-input.js';
import { liveObject, meetingView } from './meeting-views.js';
import { findMeeting } from './meetings-api.js';
import type { Route } from './router.js';
import type { SandboxState } from './sandbox-state.js';
import { isEmail } from './zoom-users.js';

const INT64_MAX = 9_223_372_036_854_775_807n;

/** The sandbox's own surface under `/_sandbox`, without auth, for tests and benchmarks. */
export function controlRoutes(state: SandboxState): Route[] {
  return [
    { method: 'GET', pattern: '/_sandbox/stats', handler: () => jsonReply(200, state.stats()) },
    { method: 'GET', pattern: '/_sandbox/faults', handler: () => listFaults(state) },
    { method: 'POST', pattern: '/_sandbox/faults', handler: (request) => addFault(state, request) },
    {
      method: 'DELETE',
      pattern: '/_sandbox/faults',
      handler: () => jsonReply(200, { cleared: state.faults.clear() }),
    },
    {
      method: 'POST',
      pattern: '/_sandbox/users/:email/meetings',
      handler: (request, { email = '' }) => seedMeeting(state, request, email),
    },
    {
      method: 'POST',
      pattern: '/_sandbox/users/:email/deauthorize',
      handler: (_request, { email = '' }) => deauthorize(state, email),
    },
    {
      method: 'POST',
      pattern: '/_sandbox/meetings/:meetingId/start',
      handler: (_request, { meetingId = '' }) => setLive(state, meetingId, true),
    },
    {
      method: 'POST',
      pattern: '/_sandbox/meetings/:meetingId/end',
      handler: (_request, { meetingId = '' }) => setLive(state, meetingId, false),
    },
  ];
}

function listFaults(state: SandboxState): Reply {
  return jsonReply(200, { faults: state.faults.pending() });
}

function addFault(state: SandboxState, request: SandboxRequest): Reply {
  let body: unknown;
  try {
    body = readJson(request.body);
  } catch {
    return zoomError(400, 300, 'Request Body should be a valid JSON object.');
  }

  const fault = readFault(body);
  if (typeof fault === 'string') return zoomError(400, 300, fault);

  state.faults.add(fault);
  return jsonReply(201, { queued: state.faults.pending().length });
}

// A seeded meeting takes exactly the id and UUID given, so tests can use awkward ones.
function seedMeeting(state: SandboxState, request: SandboxRequest, email: string): Reply {
  if (!isEmail(email)) return zoomError(400, 300, `Not an email address: ${email}.`);
  const read = readMeetingBody(request.body);
  if ('status' in read) return read;

  const { id: rawId, uuid } = read.body;
  const id = rawId === undefined ? undefined : integerDigits(rawId);
  if (rawId !== undefined && (id === undefined || !/^[1-9]/.test(id) || BigInt(id) > INT64_MAX)) {
    return zoomError(400, 300, '"id" must be a positive 64-bit integer, as a string.');
  }
  if (uuid !== undefined && (typeof uuid !== 'string' || uuid === '' || uuid.length > 64)) {
    return zoomError(400, 300, '"uuid" must be a string of 1-64 characters.');
  }
  if (state.meetings.taken(id, uuid)) {
    return zoomError(409, 409, 'A meeting with that id or uuid already exists.');
  }

  const host = state.users.signIn(email);
  const meeting = state.meetings.create(host, read.input, state.now(), { id, uuid });
  return jsonReply(201, meetingView(meeting));
}

function setLive(state: SandboxState, meetingId: string, live: boolean): Reply {
  const meeting = findMeeting(state, meetingId);
  const host = meeting && state.users.byId(meeting.hostId);
  if (!meeting || !host) return zoomError(404, 3001, `Meeting does not exist: ${meetingId}.`);

  const status = live ? 'started' : 'waiting';
  if (meeting.status !== status) {
    meeting.status = status;
    const event = live ? 'meeting.started' : 'meeting.ended';
    const object = liveObject(meeting, live ? undefined : state.now());
    state.webhooks.meetingEvent(event, host, object);
  }
  return jsonReply(200, meetingView(meeting));
}

function deauthorize(state: SandboxState, email: string): Reply {
  const user = state.users.byEmail(email);
  if (!user) return zoomError(404, 1001, `User does not exist: ${email}.`);

  const held = state.tokens.revokeUser(user.id);
  const clients = held.length > 0 ? held : state.clients.slice(0, 1).map((item) => item.clientId);
  for (const clientId of clients) {
    state.webhooks.send('app_deauthorized', {
      account_id: user.accountId,
      user_id: user.id,
      signature: randomBytes(32).toString('hex'),
      deauthorization_time: new Date(state.now()).toISOString(),
      client_id: clientId,
      user_data_retention: 'false',
    });
  }
  state.log('user deauthorized', { userId: user.id, apps: clients.length });
  return jsonReply(200, { status: 'success', clients });
}
