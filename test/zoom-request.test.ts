import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMember } from './support/consent.js';
import { type Stack, startStack } from './support/stack.js';

const REQUEST = `mutation ($m: HttpMethod!, $u: String!, $b: JSON) {
  zoomRequest(method: $m, url: $u, body: $b) { status ok body retryAfter }
}`;

let stack: Stack;
let token: string;

beforeAll(async () => {
  stack = await startStack();
  token = await connectMember(stack, 'gus@example.com', 'gus.zoom@example.org');
});
afterAll(() => stack.close());

describe('zoomRequest', () => {
  it('GETs /users/me for the member', async () => {
    const result = await stack.gql(REQUEST, { m: 'GET', u: '/users/me' }, { token });
    expect(result.data?.zoomRequest).toMatchObject({ status: 200, ok: true, retryAfter: null });
    const answer = result.data?.zoomRequest as { body: { email: string } };
    expect(answer.body.email).toBe('gus.zoom@example.org');
  });

  it("passes Zoom's own page tokens in the query string through", async () => {
    const result = await stack.gql(
      REQUEST,
      { m: 'GET', u: '/users/me/meetings?page_size=1&next_page_token=' },
      { token },
    );
    expect(result.data?.zoomRequest).toMatchObject({ status: 200, ok: true });
  });

  it('takes a full URL on the configured Zoom API origin', async () => {
    const url = `${stack.sandbox.apiUrl}/users/me`;
    const result = await stack.gql(REQUEST, { m: 'GET', u: url }, { token });
    expect(result.data?.zoomRequest).toMatchObject({ status: 200, ok: true });
  });

  it('POSTs a body and passes a Zoom refusal through as data', async () => {
    const made = await stack.gql(
      REQUEST,
      { m: 'POST', u: '/users/me/meetings', b: { topic: 'Raw', type: 2, duration: 30 } },
      { token },
    );
    expect(made.data?.zoomRequest).toMatchObject({ status: 201, ok: true, body: { topic: 'Raw' } });

    const missing = await stack.gql(REQUEST, { m: 'GET', u: '/meetings/123' }, { token });
    expect(missing.data?.zoomRequest).toMatchObject({
      status: 404,
      ok: false,
      body: { code: 3001 },
    });
  });

  it('refuses other hosts, climbing paths, credentials and header injection, sending nothing', async () => {
    const before = await stack.stats();
    const bad = [
      'https://example.org/x',
      `${stack.sandbox.apiUrl.replace('127.0.0.1', 'localhost')}/users/me`,
      '/../oauth/token',
      '/users/%2e%2e/%2e%2e/oauth/token',
      `http://user:pass@${new URL(stack.sandbox.apiUrl).host}/v2/users/me`,
      '/users/me\r\nX-Injected: 1',
      '//example.org/v2/users/me',
      'users/me',
    ];
    for (const url of bad) {
      const result = await stack.gql(REQUEST, { m: 'GET', u: url }, { token });
      expect(result.errors?.[0]?.extensions, url).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'url',
      });
    }
    expect((await stack.stats()).apiCalls).toBe(before.apiCalls);
  });
});
