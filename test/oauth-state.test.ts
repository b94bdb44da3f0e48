import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAtZoom } from './support/consent.js';
import { type Stack, startStack } from './support/stack.js';

const CONNECT = `mutation ($c: String!, $s: String!) {
  connectZoom(code: $c, state: $s) { success state { userEmail } }
}`;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

async function expectRefused(email: string, code: string, state: string, token: string) {
  const before = await stack.stats();
  const result = await stack.gql(CONNECT, { c: code, s: state }, { token });
  expect(result.data).toBeNull();
  expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
  expect(await stack.store.document(email)).toBeNull();
  expect((await stack.stats()).tokenExchanges).toBe(before.tokenExchanges);
}

describe('the OAuth state', () => {
  it('refuses a state whose signature was altered', async () => {
    const token = await stack.memberToken('bea@example.com');
    const { code, state } = await signInAtZoom(stack, token);
    const last = state.at(-1) === 'A' ? 'B' : 'A';
    await expectRefused('bea@example.com', code, `${state.slice(0, -1)}${last}`, token);
  });

  it('refuses a state whose contents were changed to another member', async () => {
    const token = await stack.memberToken('bea@example.com');
    const { code, state } = await signInAtZoom(stack, token);
    const [header, , signature] = state.split('.');
    const forged = Buffer.from(
      JSON.stringify({ opt: null, sub: 'eve@example.com', jti: 'x', exp: 4e9 }),
    ).toString('base64url');
    const eve = await stack.memberToken('eve@example.com');
    await expectRefused('eve@example.com', code, `${header}.${forged}.${signature}`, eve);
  });

  it('refuses a state that has expired', async () => {
    const token = await stack.memberToken('bea@example.com');
    const { code } = await signInAtZoom(stack, token);
    const expired = await new SignJWT({ opt: null })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('bea@example.com')
      .setJti('expired-nonce')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 5)
      .sign(new TextEncoder().encode(stack.config.stateSecret));
    await expectRefused('bea@example.com', code, expired, token);
  });

  it('refuses member B redeeming the state made for member A', async () => {
    const alice = await stack.memberToken('alice@example.com');
    const bob = await stack.memberToken('bob@example.com');
    const { code, state } = await signInAtZoom(stack, alice);
    await expectRefused('bob@example.com', code, state, bob);
    expect(await stack.store.document('alice@example.com')).toBeNull();
  });

  it('refuses a state signed with another secret', async () => {
    const token = await stack.memberToken('bea@example.com');
    const { code } = await signInAtZoom(stack, token);
    const foreign = await new SignJWT({ opt: null })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('bea@example.com')
      .setJti('n')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('another-secret-of-enough-length'));
    await expectRefused('bea@example.com', code, foreign, token);
  });

  it('connects with the genuine state and returns its options unchanged', async () => {
    const token = await stack.memberToken('bea@example.com');
    const options = { page: '/booking', answers: [1, 'two', { three: true }], note: null };
    const { code, state } = await signInAtZoom(stack, token, options);
    const result = await stack.gql(
      `mutation ($c: String!, $s: String!) {
        connectZoom(code: $c, state: $s) { success state { userEmail options } }
      }`,
      { c: code, s: state },
      { token },
    );
    expect(result.data?.connectZoom).toEqual({
      success: true,
      state: { userEmail: 'bea@example.com', options },
    });
    expect(await stack.store.document('bea@example.com')).not.toBeNull();
  });

  it('refuses options too large to carry through Zoom', async () => {
    const token = await stack.memberToken('bea@example.com');
    const result = await stack.gql(
      'query ($o: JSON) { zoomAuthorizeUrl(options: $o) }',
      { o: { blob: 'x'.repeat(5000) } },
      { token },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'options',
    });
  });

  it("lets the member try again when the code exchange failed on Zoom's side", async () => {
    const token = await stack.memberToken('yan@example.com');
    const { code, state } = await signInAtZoom(stack, token);
    await stack.control('POST', '/_sandbox/faults', { match: 'POST /oauth/token', status: 503 });
    const failed = await stack.gql(CONNECT, { c: code, s: state }, { token });
    expect(failed.errors?.[0]?.extensions).toMatchObject({
      code: 'ZOOM_API_ERROR',
      retryable: true,
    });

    const retried = await stack.gql(CONNECT, { c: code, s: state }, { token });
    expect(retried.data?.connectZoom).toEqual({
      success: true,
      state: { userEmail: 'yan@example.com' },
    });
    const replayed = await stack.gql(CONNECT, { c: code, s: state }, { token });
    expect(replayed.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
  });
});
