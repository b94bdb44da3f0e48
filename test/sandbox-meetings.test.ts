import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerConsent, type Sandbox, startSandbox } from '../src/sandbox/index.js';

const CALLBACK = 'http://localhost:4000/oauth/callback';
const CLIENT = {
  clientId: 'meetings-app',
  clientSecret: 'meetings-secret',
  redirectUris: [CALLBACK],
};
const CREDENTIALS = Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64');
const HOST = 'host@example.com';

let sandbox: Sandbox;
let clock: number;
let token: string;

async function connect(email: string): Promise<string> {
  const { location } = await answerConsent(sandbox.url, {
    clientId: CLIENT.clientId,
    redirectUri: CALLBACK,
    email,
  });
  const response = await fetch(`${sandbox.url}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${CREDENTIALS}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: location.searchParams.get('code') ?? '',
      redirect_uri: CALLBACK,
    }),
  });
  return (await response.json()).access_token;
}

beforeEach(async () => {
  clock = Date.UTC(2030, 0, 1, 12);
  sandbox = await startSandbox({ clients: [CLIENT], now: () => clock });
  token = await connect(HOST);
});

afterEach(async () => {
  await sandbox.close();
});

/** Calls the REST API; `text` is the raw body, `json` its parse (undefined when empty). */
async function api(method: string, path: string, body?: unknown, as = token) {
  const response = await fetch(`${sandbox.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${as}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: text ? JSON.parse(text) : undefined, response };
}

async function seed(email: string, meeting: Record<string, unknown>) {
  const response = await fetch(
    `${sandbox.url}/_sandbox/users/${encodeURIComponent(email)}/meetings`,
    {
      method: 'POST',
      body: JSON.stringify(meeting),
    },
  );
  return { status: response.status, text: await response.text() };
}

function idOf(text: string): string {
  return /"id":(\d+)/.exec(text)?.[1] ?? '';
}

describe('the Zoom user', () => {
  it('answers for me, its own id and its own email, and 1001 for anyone else', async () => {
    const me = await api('GET', '/users/me');

    expect(me.status).toBe(200);
    expect(me.response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(me.response.headers.get('x-zm-trackingid')).toMatch(/^v=2\.0;clid=us05;rid=WEB_/);
    expect(me.json).toMatchObject({ email: HOST, first_name: 'Host', type: 1, status: 'active' });
    expect((await api('GET', `/users/${me.json.id}`)).json.id).toBe(me.json.id);
    expect((await api('GET', `/users/${encodeURIComponent(HOST)}`)).json.id).toBe(me.json.id);
    expect(await api('GET', '/users/someone@example.com')).toMatchObject({
      status: 404,
      json: { code: 1001, message: 'User does not exist: someone@example.com.' },
    });
  });

  it('answers 124 without a token and 404 for an unknown route', async () => {
    expect(await api('GET', '/users/me', undefined, 'not-a-token')).toMatchObject({
      status: 401,
      json: { code: 124, message: 'Invalid access token.' },
    });
    expect((await api('GET', '/webinars/1')).status).toBe(404);
  });
});

describe('creating a meeting', () => {
  it("fills in Zoom's defaults", async () => {
    const created = await api('POST', '/users/me/meetings', {});
    const id = idOf(created.text);
    const user = (await api('GET', '/users/me')).json;

    expect(created.status).toBe(201);
    expect(id).toMatch(/^[1-9]\d{10}$/);
    expect(created.json).toMatchObject({
      host_id: user.id,
      host_email: HOST,
      topic: 'Zoom meeting',
      type: 2,
      status: 'waiting',
      duration: 60,
      timezone: 'America/Los_Angeles',
      agenda: '',
      pre_schedule: false,
      settings: {
        approval_type: 2,
        audio: 'voip',
        auto_recording: 'none',
        join_before_host: false,
      },
    });
    expect(created.json.uuid).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(created.json.password).toMatch(/^[A-Za-z0-9]{6}$/);
    expect(created.json.join_url).toBe(
      `https://sandbox.zoom.test/j/${id}?pwd=${created.json.encrypted_password}`,
    );
  });

  it('reads a start_time without Z in the meeting timezone', async () => {
    const berlin = await api('POST', '/users/me/meetings', {
      start_time: '2030-01-15T09:30:00',
      timezone: 'Europe/Berlin',
    });
    const userZone = await api('POST', '/users/me/meetings', { start_time: '2030-07-15T09:30:00' });
    const utc = await api('POST', '/users/me/meetings', { start_time: '2030-07-15T09:30:00Z' });

    expect(berlin.json.start_time).toBe('2030-01-15T08:30:00Z');
    expect(userZone.json.start_time).toBe('2030-07-15T16:30:00Z');
    expect(utc.json.start_time).toBe('2030-07-15T09:30:00Z');
  });

  it("answers Zoom's validation errors", async () => {
    expect(await api('POST', '/users/me/meetings', '{"topic":')).toMatchObject({
      status: 400,
      json: { code: 300, message: 'Request Body should be a valid JSON object.' },
    });

    const invalid = await api('POST', '/users/me/meetings', {
      topic: 't'.repeat(201),
      agenda: 'a'.repeat(2001),
      password: 'has space',
      duration: 0,
      type: 5,
      start_time: 'tomorrow',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.code).toBe(300);
    expect(invalid.json.message).toBe('Validation Failed.');
    expect(invalid.json.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'agenda',
      'duration',
      'password',
      'start_time',
      'topic',
      'type',
    ]);
    expect((await api('POST', '/users/me/meetings', { password: '12345678901' })).status).toBe(400);
    expect((await api('POST', '/users/me/meetings', { topic: 't'.repeat(200) })).status).toBe(201);
  });

  it('computes the occurrences of a recurring meeting', async () => {
    const created = await api('POST', '/users/me/meetings', {
      type: 8,
      start_time: '2030-02-01T10:00:00Z',
      timezone: 'UTC',
      recurrence: { type: 1, repeat_interval: 2, end_times: 3 },
    });

    expect(created.json.recurrence).toEqual({ type: 1, repeat_interval: 2, end_times: 3 });
    expect(created.json.occurrences).toEqual([
      {
        occurrence_id: '1896170400000',
        start_time: '2030-02-01T10:00:00Z',
        duration: 60,
        status: 'available',
      },
      {
        occurrence_id: '1896343200000',
        start_time: '2030-02-03T10:00:00Z',
        duration: 60,
        status: 'available',
      },
      {
        occurrence_id: '1896516000000',
        start_time: '2030-02-05T10:00:00Z',
        duration: 60,
        status: 'available',
      },
    ]);
  });
  it('repeats weekly at one wall-clock time across DST, and monthly on a weekday', async () => {
    const weekly = await api('POST', '/users/me/meetings', {
      type: 8,
      start_time: '2030-03-08T10:00:00',
      recurrence: { type: 2, weekly_days: '5,2', end_times: 3 },
    });
    const monthly = await api('POST', '/users/me/meetings', {
      type: 8,
      start_time: '2030-01-01T10:00:00Z',
      timezone: 'UTC',
      recurrence: { type: 3, monthly_week: -1, monthly_week_day: 6, end_times: 3 },
    });
    const starts = (answer: { json: { occurrences: { start_time: string }[] } }) =>
      answer.json.occurrences.map((occurrence) => occurrence.start_time);

    expect(starts(weekly)).toEqual([
      '2030-03-11T17:00:00Z',
      '2030-03-14T17:00:00Z',
      '2030-03-18T17:00:00Z',
    ]);
    expect(weekly.json.recurrence.weekly_days).toBe('2,5');
    expect(weekly.json.start_time).toBe('2030-03-11T17:00:00Z');
    expect(starts(monthly)).toEqual([
      '2030-01-25T10:00:00Z',
      '2030-02-22T10:00:00Z',
      '2030-03-29T10:00:00Z',
    ]);
  });
});

describe('a meeting once created', () => {
  it('is read, updated with an empty 204 and deleted', async () => {
    const id = idOf((await api('POST', '/users/me/meetings', { topic: 'Before' })).text);

    const patched = await api('PATCH', `/meetings/${id}`, { topic: 'After', duration: 45 });
    expect(patched.status).toBe(204);
    expect(patched.text).toBe('');
    expect((await api('GET', `/meetings/${id}`)).json).toMatchObject({
      topic: 'After',
      duration: 45,
    });

    const deleted = await api('DELETE', `/meetings/${id}?schedule_for_reminder=true`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect(await api('GET', `/meetings/${id}`)).toMatchObject({
      status: 404,
      json: { code: 3001, message: `Meeting does not exist: ${id}.` },
    });
  });

  it('validates an update like a create', async () => {
    const id = idOf((await api('POST', '/users/me/meetings', {})).text);
    const patched = await api('PATCH', `/meetings/${id}`, { duration: -5 });

    expect(patched.status).toBe(400);
    expect(patched.json.errors).toEqual([{ field: 'duration', message: 'Invalid field.' }]);
  });

  it("is hidden from other Zoom users behind 3001, as are their users' paths", async () => {
    const id = idOf((await api('POST', '/users/me/meetings', {})).text);
    const hostId = (await api('GET', '/users/me')).json.id;
    const stranger = await connect('stranger@example.com');

    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const answer = await api(
        method,
        `/meetings/${id}`,
        method === 'PATCH' ? {} : undefined,
        stranger,
      );
      expect(answer.json).toEqual({ code: 3001, message: `Meeting does not exist: ${id}.` });
    }
    const create = await api('POST', `/users/${hostId}/meetings`, {}, stranger);
    expect(create.json).toEqual({ code: 1001, message: `User does not exist: ${hostId}.` });
  });

  it('marks one occurrence deleted and reads one by occurrence_id', async () => {
    const created = await api('POST', '/users/me/meetings', {
      type: 8,
      start_time: '2030-02-01T10:00:00Z',
      recurrence: { type: 1, end_times: 3 },
    });
    const [first, second] = created.json.occurrences;
    const id = idOf(created.text);

    expect(
      (await api('DELETE', `/meetings/${id}?occurrence_id=${first.occurrence_id}`)).status,
    ).toBe(204);
    const after = (await api('GET', `/meetings/${id}`)).json;
    expect(after.occurrences.map((item: { status: string }) => item.status)).toEqual([
      'deleted',
      'available',
      'available',
    ]);
    expect(after.start_time).toBe(second.start_time);
    const single = await api('GET', `/meetings/${id}?occurrence_id=${second.occurrence_id}`);
    expect(single.json.start_time).toBe('2030-02-02T10:00:00Z');
    expect((await api('GET', `/meetings/${id}?occurrence_id=123`)).json.code).toBe(3000);
  });

  it('cannot be updated or deleted while it runs', async () => {
    const id = idOf((await api('POST', '/users/me/meetings', {})).text);
    await fetch(`${sandbox.url}/_sandbox/meetings/${id}/start`, { method: 'POST' });

    expect((await api('GET', `/meetings/${id}`)).json.status).toBe('started');
    expect((await api('PATCH', `/meetings/${id}`, { topic: 'x' })).json.code).toBe(3000);
    expect((await api('DELETE', `/meetings/${id}`)).json.code).toBe(3002);

    await fetch(`${sandbox.url}/_sandbox/meetings/${id}/end`, { method: 'POST' });
    expect((await api('PATCH', `/meetings/${id}`, { topic: 'x' })).status).toBe(204);
  });
});

describe('listing meetings', () => {
  it('pages with next_page_token until it comes back empty', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      ids.push(idOf((await api('POST', '/users/me/meetings', { topic: `M${index}` })).text));
    }
    await api('POST', '/users/me/meetings', { type: 1 });

    const seen: string[] = [];
    const pages: number[] = [];
    let next = '';
    do {
      const page = await api('GET', `/users/me/meetings?page_size=2&next_page_token=${next}`);
      expect(page.json.total_records).toBe(5);
      expect(page.json.page_size).toBe(2);
      pages.push(page.json.meetings.length);
      seen.push(...[...page.text.matchAll(/"id":(\d+)/g)].map((match) => match[1] ?? ''));
      next = page.json.next_page_token;
    } while (next !== '');

    expect(pages).toEqual([2, 2, 1]);
    expect(seen).toEqual(ids);
  });

  it('caps page_size at 300 and refuses an unknown or expired next_page_token', async () => {
    await api('POST', '/users/me/meetings', {});
    await api('POST', '/users/me/meetings', {});
    const capped = await api('GET', '/users/me/meetings?page_size=301');
    const first = await api('GET', '/users/me/meetings?page_size=1');

    expect(capped.json.page_size).toBe(300);
    expect((await api('GET', '/users/me/meetings?next_page_token=bogus')).json.code).toBe(300);
    clock += 15 * 60_000;
    const expired = await api(
      'GET',
      `/users/me/meetings?next_page_token=${first.json.next_page_token}`,
    );
    expect(expired.status).toBe(400);
    expect(expired.json.code).toBe(300);
  });
});

describe('meeting ids and UUIDs', () => {
  it('keeps every digit of a 64-bit meeting id in raw JSON', async () => {
    const seeded = await seed(HOST, { id: '98765432109876543', topic: 'Big' });

    expect(seeded.status).toBe(201);
    expect(seeded.text).toContain('"id":98765432109876543,');
    const got = await api('GET', '/meetings/98765432109876543');
    expect(got.text).toContain('"id":98765432109876543,');
    expect(got.text).toContain('"join_url":"https://sandbox.zoom.test/j/98765432109876543?pwd=');
    expect((await api('GET', '/users/me/meetings')).text).toContain('"id":98765432109876543,');
    expect((await seed(HOST, { id: '98765432109876543' })).status).toBe(409);
  });

  it('finds a UUID that begins with / or holds // only when double-encoded', async () => {
    for (const uuid of ['ab//cdEFghIJklMNopQRsw==', '/bcdEFghIJklMNopQRstuv==']) {
      const id = idOf((await seed(HOST, { uuid })).text);
      const once = encodeURIComponent(uuid);
      expect(await api('GET', `/meetings/${once}`)).toMatchObject({
        status: 404,
        json: { code: 3001, message: `Meeting does not exist: ${uuid}.` },
      });
      const twice = await api('GET', `/meetings/${encodeURIComponent(once)}`);
      expect(idOf(twice.text)).toBe(id);
      expect(twice.json.uuid).toBe(uuid);
    }

    const plain = 'abc/EFghIJklMNopQRstuv==';
    const id = idOf((await seed(HOST, { uuid: plain })).text);
    expect(idOf((await api('GET', `/meetings/${encodeURIComponent(plain)}`)).text)).toBe(id);
  });
});
