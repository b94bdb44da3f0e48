import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;
let token: string;

beforeAll(async () => {
  stack = await startStack({
    env: { GRAPHIQL: 'off', CORS_ORIGINS: 'https://site.example,https://other.example' },
  });
  token = await stack.memberToken('val@example.com');
});
afterAll(() => stack.close());

describe('with GraphiQL off, as in production', () => {
  it('serves no GraphiQL page', async () => {
    const page = await fetch(`${stack.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql/i);
  });

  it('refuses introspection', async () => {
    const result = await stack.gql('{ __schema { types { name } } }', {}, { token });
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.message).toMatch(/introspection/i);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('gives no field suggestions', async () => {
    const result = await stack.gql('{ viewer { emial } }', {}, { token });
    expect(result.errors?.[0]?.message).not.toMatch(/Did you mean/);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(`${stack.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });

  it('allows the configured origin', async () => {
    const answer = await preflight('https://site.example');
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://site.example');
  });

  it('does not allow another origin, nor an opaque one', async () => {
    for (const origin of ['https://evil.example', 'null']) {
      const answer = await preflight(origin);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});
