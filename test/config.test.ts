import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

function failure(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('configuration', () => {
  it('defaults to the sandbox, the embedded store and the real Zoom origins', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:4000',
      sandbox: true,
      sandboxPort: 4001,
      mongo: undefined,
      dataDir: './data',
      graphiql: true,
      corsOrigins: [],
      adminApiKeys: [],
    });
    expect(config.zoom.redirectUri).toBe('http://localhost:4000/oauth/callback');
    expect(config.zoom.returnUrl).toBe('http://localhost:4000/');
  });

  it('keeps the real Zoom origins when a Zoom app is configured', () => {
    const config = loadConfig({ ZOOM_CLIENT_ID: 'id', ZOOM_CLIENT_SECRET: 'secret', PORT: '8080' });
    expect(config.sandbox).toBe(false);
    expect(config.graphiql).toBe(false);
    expect(config.zoom).toMatchObject({
      clientId: 'id',
      clientSecret: 'secret',
      oauthUrl: 'https://zoom.us',
      apiUrl: 'https://api.zoom.us/v2',
      redirectUri: 'http://localhost:8080/oauth/callback',
      returnUrl: 'http://localhost:8080/app/',
      webhookSecretToken: undefined,
    });
  });

  it('stops with one line naming the variable and the rule', () => {
    expect(failure({ PORT: 'eighty' })).toMatch(/^PORT: /);
    expect(failure({ PORT: '70000' })).toMatch(/^PORT: /);
    expect(failure({ ZOOM_CLIENT_ID: 'id' })).toBe(
      'ZOOM_CLIENT_SECRET: required when ZOOM_CLIENT_ID is set',
    );
    expect(failure({ ZOOM_CLIENT_SECRET: 'secret' })).toBe(
      'ZOOM_CLIENT_ID: required when ZOOM_CLIENT_SECRET is set',
    );
    expect(failure({ SANDBOX_TOKEN_TTL: 'abc' })).toBe(
      'SANDBOX_TOKEN_TTL: must be a positive whole number',
    );
    expect(failure({ SANDBOX_LATENCY_MS: '-5' })).toMatch(/^SANDBOX_LATENCY_MS: /);
    expect(failure({ TOKEN_ENCRYPTION_KEY: 'short' })).toBe(
      'TOKEN_ENCRYPTION_KEY: must be 32 bytes in base64',
    );
    expect(failure({ MONGODB_URI: 'postgres://x' })).toBe('MONGODB_URI: must be a mongodb:// URI');
    expect(failure({ CORS_ORIGINS: 'https://ok.example, not a url' })).toMatch(/^CORS_ORIGINS: /);
    expect(failure({ LOG_LEVEL: 'loud' })).toMatch(/^LOG_LEVEL: /);
    expect(failure({ ADMIN_API_KEYS: 'short' })).toMatch(/^ADMIN_API_KEYS: /);
    for (const message of [failure({ PORT: 'x' }), failure({ GRAPHIQL: 'maybe' })]) {
      expect(message).not.toContain('\n');
    }
  });

  it('reads a secret from NAME_FILE, and refuses both forms at once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'config-'));
    const file = join(dir, 'secret');
    await writeFile(file, 'from-a-file-secret-value\n');
    const config = loadConfig({
      ZOOM_CLIENT_ID: 'id',
      ZOOM_CLIENT_SECRET_FILE: file,
      ADMIN_API_KEYS_FILE: file,
    });
    expect(config.zoom.clientSecret).toBe('from-a-file-secret-value');
    expect(config.adminApiKeys).toEqual(['from-a-file-secret-value']);
    expect(failure({ ZOOM_CLIENT_SECRET: 'a', ZOOM_CLIENT_SECRET_FILE: file })).toMatch(
      /^ZOOM_CLIENT_SECRET and ZOOM_CLIENT_SECRET_FILE/,
    );
    expect(failure({ STATE_SECRET_FILE: join(dir, 'missing') })).toMatch(/^STATE_SECRET_FILE: /);
  });

  it('splits API keys and CORS origins on commas', () => {
    const config = loadConfig({
      ADMIN_API_KEYS: 'first-key-0123456789, second-key-0123456789',
      CORS_ORIGINS: 'https://a.example,https://b.example',
    });
    expect(config.adminApiKeys).toEqual(['first-key-0123456789', 'second-key-0123456789']);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });
});
