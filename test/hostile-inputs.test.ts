import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMember, signInAtZoom } from './support/consent.js';
import { MEMBER_SECRET, type Stack, startStack } from './support/stack.js';

const CONNECT =
  'mutation ($c: String!, $s: String!) { connectZoom(code: $c, state: $s) { success } }';
const CREATE = 'mutation { createMeeting(input: {}) { id } }';
const REQUEST = 'mutation ($u: String!) { zoomRequest(method: GET, url: $u) { status } }';

let stack: Stack;
let ada: string;

beforeAll(async () => {
  stack = await startStack();
  ada = await connectMember(stack, 'ada@example.com', 'ada.zoom@example.org');
});
afterAll(() => stack.close());

/** Every byte the store holds on disk: a refused request must leave it as it was. */
async function storeSnapshot(): Promise<string> {
  const names = (await readdir(stack.dataDir)).sort();
  const files = await Promise.all(names.map((n) => readFile(join(stack.dataDir, n), 'utf8')));
  return names.map((name, i) => `${name}\n${files[i]}`).join('\n');
}

async function expectRefusal(
  send: () => Promise<{ errors?: Array<{ extensions?: Record<string, unknown> }> }>,
  code: string,
) {
  const before = await storeSnapshot();
  const stats = await stack.stats();
  const result = await send();
  expect(result.errors?.[0]?.extensions?.code).toBe(code);
  expect(await storeSnapshot()).toBe(before);
  expect((await stack.stats()).apiCalls).toBe(stats.apiCalls);
}

const secret = (text: string) => new TextEncoder().encode(text);

describe('hostile inputs', () => {
  it('refuses a replayed state', async () => {
    const bea = await stack.memberToken('bea@example.com');
    const { code, state } = await signInAtZoom(stack, bea);
    const first = await stack.gql(CONNECT, { c: code, s: state }, { token: bea });
    expect(first.data?.connectZoom).toEqual({ success: true });
    await expectRefusal(
      () => stack.gql(CONNECT, { c: code, s: state }, { token: bea }),
      'INVALID_STATE',
    );
  });

  it('refuses a state minted for member A and redeemed by member B', async () => {
    const a = await stack.memberToken('cat@example.com');
    const b = await stack.memberToken('dan@example.com');
    const { code, state } = await signInAtZoom(stack, a);
    await expectRefusal(
      () => stack.gql(CONNECT, { c: code, s: state }, { token: b }),
      'INVALID_STATE',
    );
  });

  it('refuses an altered and an expired state', async () => {
    const eve = await stack.memberToken('eve@example.com');
    const { code, state } = await signInAtZoom(stack, eve);
    const [head, body, sig] = state.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const altered = Buffer.from(JSON.stringify({ ...claims, opt: { evil: true } })).toString(
      'base64url',
    );
    await expectRefusal(
      () => stack.gql(CONNECT, { c: code, s: `${head}.${altered}.${sig}` }, { token: eve }),
      'INVALID_STATE',
    );
    const expired = await new SignJWT({ opt: null })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('eve@example.com')
      .setJti('old')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 1)
      .sign(secret(stack.config.stateSecret));
    await expectRefusal(
      () => stack.gql(CONNECT, { c: code, s: expired }, { token: eve }),
      'INVALID_STATE',
    );
  });

  it('refuses member tokens signed with another secret, expired, or unsigned', async () => {
    const other = await new SignJWT({ email: 'ada@example.com' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(secret('not-the-member-secret-at-all'));
    const expired = await new SignJWT({ email: 'ada@example.com' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(secret(MEMBER_SECRET));
    const none = new UnsecuredJWT({ email: 'ada@example.com' }).setExpirationTime('1h').encode();
    const [head, payload] = (await stack.memberToken('ada@example.com')).split('.');
    const stripped = `${head}.${payload}.`;

    for (const token of [other, expired, none, stripped, 'garbage']) {
      await expectRefusal(() => stack.gql(CREATE, {}, { token }), 'UNAUTHENTICATED');
      const viewer = await stack.gql('{ viewer { email } }', {}, { token });
      expect(viewer.data?.viewer).toBeNull();
    }
    const result = await stack.gql(CREATE, {}, { token: expired });
    expect(result.errors?.[0]?.message).toBe('The member token has expired');
  });

  it('refuses a wrong API key', async () => {
    await expectRefusal(
      () =>
        stack.gql(
          'mutation { createMeeting(input: {}, userEmail: "ada@example.com") { id } }',
          {},
          {
            apiKey: 'wrong-key-wrong-key-wrong',
          },
        ),
      'UNAUTHENTICATED',
    );
  });

  it('refuses a query 50 levels deep and one with 1000 aliases', async () => {
    let deep = 'email';
    for (let n = 0; n < 50; n++) deep = `viewer { ${deep} }`;
    await expectRefusal(
      () => stack.gql(`{ ${deep} }`, {}, { token: ada }),
      'GRAPHQL_VALIDATION_FAILED',
    );

    const aliases = Array.from({ length: 1000 }, (_, n) => `m${n}: meeting(id: "1")  { id }`);
    await expectRefusal(
      () => stack.gql(`{ ${aliases.join(' ')} }`, {}, { token: ada }),
      'GRAPHQL_PARSE_FAILED',
    );
    const some = Array.from({ length: 31 }, (_, n) => `m${n}: viewer { email }`);
    const result = await stack.gql(`{ ${some.join(' ')} }`, {}, { token: ada });
    expect(result.errors?.[0]?.message).toMatch(/Aliases limit of 30 exceeded/);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a 5 MB body with 413, before reading it', async () => {
    const before = await storeSnapshot();
    const answer = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ada}` },
      body: JSON.stringify({ query: CREATE, variables: { pad: 'x'.repeat(5 * 1024 * 1024) } }),
    });
    expect(answer.status).toBe(413);
    expect((await answer.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await storeSnapshot()).toBe(before);
  });

  it('refuses zoomRequest to another host, a climbing path, credentials and header injection', async () => {
    const host = new URL(stack.sandbox.apiUrl).host;
    for (const url of [
      'https://example.org/x',
      '/../oauth/token',
      '/users/%2E%2E/%2e%2e/oauth/token',
      `http://attacker@${host}/v2/users/me`,
      `http://${host}@example.org/v2/users/me`,
      '/users/me\r\nAuthorization: Bearer stolen',
      '/users/me%0d%0aX-Injected:%201',
    ]) {
      await expectRefusal(() => stack.gql(REQUEST, { u: url }, { token: ada }), 'BAD_USER_INPUT');
    }
  });

  it('gives coercion errors and CSRF refusals a code too', async () => {
    const badVariable = await stack.gql(
      'query ($n: Int) { meetings(first: $n) { totalCount } }',
      { n: 'many' },
      { token: ada },
    );
    expect(badVariable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const simple = await fetch(
      `${stack.url}/graphql?query=${encodeURIComponent('{ viewer { email } }')}`,
    );
    expect(simple.status).toBe(403);
    expect((await simple.json()).errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('refuses integers past 2^53 sent as JSON numbers, which would name another meeting', async () => {
    const seeded = await stack.control('POST', '/_sandbox/users/ada.zoom@example.org/meetings', {
      id: '98765432109876540',
      topic: 'Neighbour',
    });
    expect(seeded.status).toBe(201);
    const send = (body: string) =>
      fetch(`${stack.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ada}` },
        body,
      }).then((r) => r.json());
    await expectRefusal(
      () =>
        send(
          '{"query":"mutation ($id: ID!) { deleteMeeting(id: $id) { id } }","variables":{"id":98765432109876543}}',
        ),
      'BAD_USER_INPUT',
    );
    const literal = await stack.gql(
      'mutation { zoomRequest(method: POST, url: "/users/me/meetings", body: { id: 98765432109876543 }) { status } }',
      {},
      { token: ada },
    );
    expect(literal.errors?.[0]?.message).toMatch(/send them as strings/);
    const float = await stack.gql(
      'mutation { zoomRequest(method: POST, url: "/users/me/meetings", body: { n: 9.8765432109876543e16 }) { status } }',
      {},
      { token: ada },
    );
    expect(float.errors?.[0]?.message).toMatch(/send them as strings/);
    const still = await stack.gql(
      '{ meeting(id: "98765432109876540") { topic } }',
      {},
      { token: ada },
    );
    expect(still.data?.meeting).toEqual({ topic: 'Neighbour' });
  });

  it('refuses JSON nested too deep, tokens in zoomRequest query strings and hidden dot segments', async () => {
    let deep: unknown = 'x';
    for (let n = 0; n < 100; n++) deep = { deep };
    const nested = await stack.gql(
      'query ($o: JSON) { zoomAuthorizeUrl(options: $o) }',
      { o: deep },
      { token: ada },
    );
    expect(nested.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const url of [
      '/users/me?access_token=x',
      '/users/me?ACCESS_TOKEN=',
      '/users/me%2F..%2F..%2F_sandbox%2Fstats',
      '/users%2F..%2F..%2Foauth%2Ftoken',
    ]) {
      await expectRefusal(() => stack.gql(REQUEST, { u: url }, { token: ada }), 'BAD_USER_INPUT');
    }
  });

  it('refuses member tokens with an odd email, or without an expiry', async () => {
    const sign = (claims: Record<string, unknown>, expires = true) => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' });
      return (expires ? jwt.setExpirationTime('1h') : jwt).sign(secret(MEMBER_SECRET));
    };
    for (const token of [
      await sign({ email: 'ada@example.com\n12345' }),
      await sign({ email: '@' }),
      await sign({ email: 'ada@example.com\u00a0' }),
      await sign({ email: '\ufeffada@example.com' }),
      await sign({ email: ' ada@example.com' }),
      await sign({ email: 'ada@example.com' }, false),
    ]) {
      await expectRefusal(() => stack.gql(CREATE, {}, { token }), 'UNAUTHENTICATED');
    }
    const kelvin = await sign({ email: '\u212Ada@example.com' });
    const result = await stack.gql(
      'query { validateMember(userEmail: "kda@example.com") { valid reason } }',
      {},
      { token: kelvin },
    );
    expect(result.data?.validateMember).toEqual({
      valid: false,
      reason: 'Email addresses do not match',
    });
  });

  it('refuses start times that are not real times', async () => {
    for (const startTime of [
      '2030-01-01T99:99Z',
      '2030-01-01T23:60:00Z',
      '2030-01-01T10:00+99:99',
      '0000-01-01T10:00:00Z',
      '2030-01-01T24:00:00Z',
    ]) {
      await expectRefusal(
        () =>
          stack.gql(
            'mutation ($t: String) { createMeeting(input: { startTime: $t }) { id } }',
            { t: startTime },
            { token: ada },
          ),
        'BAD_USER_INPUT',
      );
    }
  });

  it('logs the same error code as it answers, for errors raised before execution', async () => {
    const result = await stack.gql(
      'query ($n: Int) { meetings(first: $n) { totalCount } }',
      { n: 1.5 },
      { token: ada },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const line = stack.logs.filter((entry) => entry.includes('"msg":"request"')).at(-1) ?? '';
    expect(JSON.parse(line).errors).toEqual(['BAD_USER_INPUT']);
  });
});
