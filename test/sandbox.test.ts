import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerConsent, type Sandbox, startSandbox } from '../src/sandbox/index.js';

const CALLBACK = 'http://localhost:4000/oauth/callback';
const TENANT_CALLBACK = 'https://app.example/cb?tenant=7';
const CLIENT = {
  clientId: 'test-client',
  clientSecret: 'test-secret',
  redirectUris: [CALLBACK, TENANT_CALLBACK],
};
const SCOPE =
  'meeting:read:meeting meeting:write:meeting meeting:update:meeting meeting:delete:meeting ' +
  'meeting:read:list_meetings user:read:user';

let sandbox: Sandbox;
let clock: number;

beforeEach(async () => {
  clock = Date.UTC(2030, 0, 1);
  sandbox = await startSandbox({ clients: [CLIENT], now: () => clock, tokenTtlSeconds: 3599 });
});

afterEach(async () => {
  await sandbox.close();
});

function basic(id = CLIENT.clientId, secret = CLIENT.clientSecret): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

async function postToken(params: Record<string, string>, authorization = basic(), query = '') {
  const response = await fetch(`${sandbox.url}/oauth/token${query}`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: await response.json() };
}

async function codeFor(email?: string, extra: { codeChallenge?: string; method?: 'S256' } = {}) {
  const { location } = await answerConsent(sandbox.url, {
    clientId: CLIENT.clientId,
    redirectUri: CALLBACK,
    email,
    codeChallenge: extra.codeChallenge,
    codeChallengeMethod: extra.method,
  });
  return location.searchParams.get('code') ?? '';
}

async function exchange(code: string, more: Record<string, string> = {}) {
  return postToken({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, ...more });
}

async function me(accessToken: string) {
  const response = await fetch(`${sandbox.apiUrl}/users/me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return { status: response.status, body: await response.json() };
}

const INVALID_TOKEN = { code: 124, message: 'Invalid access token.' };

describe('the consent page', () => {
  it('posts every authorize parameter back and offers a new address each time', async () => {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT.clientId,
      redirect_uri: CALLBACK,
      state: '<"state">&1',
    });
    const response = await fetch(`${sandbox.url}/oauth/authorize?${query}`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain('<form method="post" action="/oauth/authorize">');
    expect(html).toContain('<input type="hidden" name="client_id" value="test-client">');
    expect(html).toContain(
      '<input type="hidden" name="state" value="&lt;&quot;state&quot;&gt;&amp;1">',
    );
    expect(html).toContain('name="email" value="zoom.user.1@sandbox.zoom.test"');
    expect(html).toContain('name="decision" value="allow"');
    expect(html).toContain('name="decision" value="deny"');
    expect(html).not.toMatch(/<script|<link|src=/);

    const again = await (await fetch(`${sandbox.url}/oauth/authorize?${query}`)).text();
    expect(again).toContain('name="email" value="zoom.user.2@sandbox.zoom.test"');
  });

  it('redirects with a code once its own form is submitted', async () => {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT.clientId,
      redirect_uri: CALLBACK,
      state: 'xyz',
    });
    const html = await (await fetch(`${sandbox.url}/oauth/authorize?${query}`)).text();
    const form = new URLSearchParams();
    for (const [, name = '', value = ''] of html.matchAll(
      /type="hidden" name="([^"]+)" value="([^"]*)"/g,
    )) {
      form.append(name, value);
    }
    form.set('email', 'zoom.user.1@sandbox.zoom.test');
    form.set('decision', 'allow');

    const response = await fetch(`${sandbox.url}/oauth/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      redirect: 'manual',
    });
    const location = new URL(response.headers.get('location') ?? '');
    expect(response.status).toBe(302);
    expect([...form.keys()]).toEqual([
      'response_type',
      'client_id',
      'redirect_uri',
      'state',
      'email',
      'decision',
    ]);
    expect(location.searchParams.get('state')).toBe('xyz');
    expect((await exchange(location.searchParams.get('code') ?? '')).status).toBe(200);
  });

  it('shows an error page, not a redirect, for a bad client, redirect_uri or type', async () => {
    const cases: Record<string, string>[] = [
      {
        client_id: 'nobody',
        redirect_uri: CALLBACK,
        response_type: 'code',
        text: 'Invalid client_id',
      },
      {
        client_id: CLIENT.clientId,
        redirect_uri: CALLBACK.replace('localhost', 'LOCALHOST'),
        response_type: 'code',
        text: 'Invalid redirect url',
      },
      { client_id: CLIENT.clientId, response_type: 'code', text: 'Invalid redirect url' },
      { client_id: CLIENT.clientId, redirect_uri: CALLBACK, response_type: 'token', text: '4700' },
    ];
    for (const { text = '', ...params } of cases) {
      const response = await fetch(
        `${sandbox.url}/oauth/authorize?${new URLSearchParams(params)}`,
        {
          redirect: 'manual',
        },
      );
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain(text);
    }
  });

  it('redirects with the code and the state exactly as sent', async () => {
    const state = 'eyJhbGciOi.J9+/ ==&x';
    const { location, email } = await answerConsent(sandbox.url, {
      clientId: CLIENT.clientId,
      redirectUri: CALLBACK,
      state,
    });

    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(location.searchParams.get('state')).toBe(state);
    expect(location.searchParams.get('code')?.length).toBeGreaterThanOrEqual(32);
    expect(email).toBe('zoom.user.1@sandbox.zoom.test');
  });

  it('keeps the query of a redirect_uri and leaves state out when none was sent', async () => {
    const { location } = await answerConsent(sandbox.url, {
      clientId: CLIENT.clientId,
      redirectUri: TENANT_CALLBACK,
    });

    expect([...location.searchParams.keys()]).toEqual(['tenant', 'code']);
    expect(location.searchParams.get('tenant')).toBe('7');
  });

  it('redirects with access_denied when the person declines', async () => {
    const { location } = await answerConsent(sandbox.url, {
      clientId: CLIENT.clientId,
      redirectUri: CALLBACK,
      state: 's1',
      decision: 'deny',
    });

    expect(Object.fromEntries(location.searchParams)).toEqual({
      error: 'access_denied',
      state: 's1',
    });
  });
});

describe('the code exchange', () => {
  it('trades a code for tokens that reach the Zoom user who signed in', async () => {
    const { status, body } = await exchange(await codeFor('ada@example.com'));

    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      refresh_token: expect.any(String),
      expires_in: 3599,
      scope: SCOPE,
      api_url: sandbox.url,
    });
    expect(body.access_token.length).toBeGreaterThanOrEqual(32);
    expect(body.refresh_token).not.toBe(body.access_token);
    const user = await me(body.access_token);
    expect(user.body.email).toBe('ada@example.com');
    expect(user.body.first_name).toBe('Ada');
  });

  it('signs in as the same Zoom user when an address is used again', async () => {
    const signIn = async (email: string) => {
      const grant = await exchange(await codeFor(email));
      return (await me(grant.body.access_token)).body;
    };
    const first = await signIn('grace@example.com');
    const again = await signIn('GRACE@example.com');
    const other = await signIn('linus@example.com');

    expect(first.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    expect(other.account_id).not.toBe(first.account_id);
  });

  it('refuses a code the second time', async () => {
    const code = await codeFor();
    await exchange(code);

    expect(await exchange(code)).toEqual({
      status: 400,
      body: { reason: 'Invalid authorization code', error: 'invalid_grant' },
    });
  });

  it('refuses a code five minutes after it was issued', async () => {
    const code = await codeFor();
    clock += 5 * 60_000;

    expect(await exchange(code)).toEqual({
      status: 400,
      body: { reason: 'Code is expired', error: 'invalid_grant' },
    });
  });

  it('refuses another redirect_uri and spends the code anyway', async () => {
    const code = await codeFor();

    expect(await exchange(code, { redirect_uri: `${CALLBACK}/` })).toEqual({
      status: 400,
      body: { reason: 'Redirect URI mismatch', error: 'invalid_request' },
    });
    expect((await exchange(code)).body.reason).toBe('Invalid authorization code');
  });

  it('authenticates the app only by a correct Basic header', async () => {
    const invalid = {
      status: 401,
      body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' },
    };
    const params = {
      grant_type: 'authorization_code',
      code: await codeFor(),
      redirect_uri: CALLBACK,
    };

    expect(await postToken(params, basic(CLIENT.clientId, 'wrong'))).toEqual(invalid);
    expect(await postToken(params, basic('other', CLIENT.clientSecret))).toEqual(invalid);
    expect(
      await postToken(
        { ...params, client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret },
        '',
      ),
    ).toEqual(invalid);
    expect((await postToken(params)).status).toBe(200);
  });

  it('rejects parameters sent in the query string', async () => {
    const code = await codeFor();
    const params = { grant_type: 'authorization_code', code, redirect_uri: CALLBACK };
    const query = `?${new URLSearchParams(params)}`;
    const { status, body } = await postToken({}, basic(), query);

    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
    expect(body.reason).toContain('not supported as query parameter');
  });

  it('checks an S256 PKCE verifier', async () => {
    const verifier = 'a-verifier-of-enough-length-0123456789-abcdefghij';
    const codeChallenge = createHash('sha256').update(verifier).digest('base64url');

    const wrong = await exchange(await codeFor(undefined, { codeChallenge, method: 'S256' }), {
      code_verifier: `${verifier}x`,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');

    const right = await exchange(await codeFor(undefined, { codeChallenge, method: 'S256' }), {
      code_verifier: verifier,
    });
    expect(right.status).toBe(200);
  });

  it('compares a plain verifier when no challenge method is given', async () => {
    const missing = await exchange(await codeFor(undefined, { codeChallenge: 'plain-value' }));
    const right = await exchange(await codeFor(undefined, { codeChallenge: 'plain-value' }), {
      code_verifier: 'plain-value',
    });

    expect(missing.body.error).toBe('invalid_grant');
    expect(right.status).toBe(200);
  });

  it('answers unsupported_grant_type for other grants', async () => {
    const { status, body } = await postToken({ grant_type: 'password' });

    expect(status).toBe(400);
    expect(body.error).toBe('unsupported_grant_type');
  });
});

describe('access and refresh tokens', () => {
  it('rotates on refresh: the old refresh token and the old access token die', async () => {
    const first = (await exchange(await codeFor())).body;
    const second = await postToken({
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });

    expect(second.status).toBe(200);
    expect(second.body.scope).toBe(SCOPE);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(
      await postToken({ grant_type: 'refresh_token', refresh_token: first.refresh_token }),
    ).toEqual({
      status: 400,
      body: { reason: 'Invalid Token!', error: 'invalid_grant' },
    });
    expect(await me(first.access_token)).toEqual({ status: 401, body: INVALID_TOKEN });
    expect((await me(second.body.access_token)).status).toBe(200);
  });

  it('revokes earlier tokens when the same Zoom user authorizes again', async () => {
    const earlier = (await exchange(await codeFor('rita@example.com'))).body;
    const later = (await exchange(await codeFor('rita@example.com'))).body;

    expect((await me(earlier.access_token)).body).toEqual(INVALID_TOKEN);
    expect((await me(later.access_token)).status).toBe(200);
    const refresh = await postToken({
      grant_type: 'refresh_token',
      refresh_token: earlier.refresh_token,
    });
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('expires an access token after its lifetime but still refreshes it', async () => {
    const grant = (await exchange(await codeFor())).body;
    clock += 3599 * 1000;

    expect(await me(grant.access_token)).toEqual({ status: 401, body: INVALID_TOKEN });
    const refreshed = await postToken({
      grant_type: 'refresh_token',
      refresh_token: grant.refresh_token,
    });
    expect((await me(refreshed.body.access_token)).status).toBe(200);
  });

  it('kills both tokens of a pair on /oauth/revoke', async () => {
    const grant = (await exchange(await codeFor())).body;
    const response = await fetch(`${sandbox.url}/oauth/revoke`, {
      method: 'POST',
      headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: grant.access_token }),
    });

    expect(await response.json()).toEqual({ status: 'success' });
    expect((await me(grant.access_token)).body).toEqual(INVALID_TOKEN);
    const refresh = await postToken({
      grant_type: 'refresh_token',
      refresh_token: grant.refresh_token,
    });
    expect(refresh.body).toEqual({ reason: 'Invalid Token!', error: 'invalid_grant' });
  });

  it('refuses an access token in the query string with 124', async () => {
    const grant = (await exchange(await codeFor())).body;
    const response = await fetch(`${sandbox.apiUrl}/users/me?access_token=${grant.access_token}`);

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      code: 124,
      message:
        'Invalid access token, this access token is not supported as query parameter string.',
    });
  });
});
