import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPHIQL_CSP } from '../src/graphiql.js';
import { WEB_APP_CSP } from '../src/web-app.js';
import { type Stack, startStack } from './support/stack.js';

const REAL_ZOOM_APP = { ZOOM_CLIENT_ID: 'real-client-id', ZOOM_CLIENT_SECRET: 'real-secret' };

const askDemoToken = (stack: Stack, body: unknown, type = 'application/json') =>
  fetch(`${stack.url}/_dev/member-token`, {
    method: 'POST',
    headers: { 'content-type': type },
    body: JSON.stringify(body),
  });

describe('the example page and GraphiQL with the sandbox and the dev secret', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ env: { MEMBER_JWT_SECRET: '' } });
  });
  afterAll(() => stack.close());

  it('serves the page at / with a strict policy and its bundle from the same origin', async () => {
    const page = await fetch(`${stack.url}/`);
    const html = await page.text();

    expect(page.headers.get('content-security-policy')).toBe(WEB_APP_CSP);
    expect(html).toContain('<body data-sign-in="demo">');
    expect(html).toContain('<script type="module" src="app.js"></script>');
    expect(html).not.toMatch(/<script>|<style>|https?:\/\//);

    const script = await fetch(`${stack.url}/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('/_dev/member-token');
    const style = await fetch(`${stack.url}/app.css`);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('signs in a demo member whose token the gateway accepts', async () => {
    const answer = await askDemoToken(stack, { email: ' Ada@Example.com ' });
    const { email, token } = (await answer.json()) as { email: string; token: string };
    expect(answer.status).toBe(200);
    expect(email).toBe('ada@example.com');

    const viewer = await stack.gql('{ viewer { email } }', {}, { token });
    expect(viewer.data).toEqual({ viewer: { email: 'ada@example.com' } });
  });

  it('refuses a demo sign-in that is not JSON or names no email', async () => {
    expect((await askDemoToken(stack, { email: 'x' }, 'text/plain')).status).toBe(415);
    const bad = await askDemoToken(stack, { email: 'not an email' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'Enter an email address' });
  });

  it('renders GraphiQL with no inline script and its files from /graphiql/assets/', async () => {
    const page = await fetch(`${stack.url}/graphql`, { headers: { accept: 'text/html' } });
    const html = await page.text();

    expect(page.headers.get('content-security-policy')).toBe(GRAPHIQL_CSP);
    expect(html).not.toMatch(/<script>|https?:\/\//);
    expect(html).toContain('<script src="/graphiql/assets/graphiql.js"></script>');
    expect(html).toContain('"defaultQuery":"# The signed-in member');
    for (const asset of ['boot.js', 'graphiql.js', 'graphiql.css', 'graphql.worker.js']) {
      expect((await fetch(`${stack.url}/graphiql/assets/${asset}`)).status).toBe(200);
    }
  });
});

describe('the example page beside a real Zoom app', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ env: { ...REAL_ZOOM_APP, MEMBER_JWT_SECRET: '' } });
  });
  afterAll(() => stack.close());

  it('lives at /app/, asks for a member token and offers no demo sign-in', async () => {
    const moved = await fetch(`${stack.url}/app`, { redirect: 'manual' });
    expect(moved.status).toBe(308);
    expect(moved.headers.get('location')).toBe('/app/');

    const page = await fetch(`${stack.url}/app/`);
    expect(await page.text()).toContain('<body data-sign-in="token">');
    expect((await fetch(`${stack.url}/`)).status).toBe(404);
    expect((await askDemoToken(stack, { email: 'ada@example.com' })).status).toBe(404);
  });
});

describe('the sandbox with a configured member secret', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('offers no demo sign-in, since its tokens would be valid wherever that secret is', async () => {
    expect((await askDemoToken(stack, { email: 'ada@example.com' })).status).toBe(404);
    expect(await (await fetch(`${stack.url}/`)).text()).toContain('data-sign-in="token"');
  });
});
