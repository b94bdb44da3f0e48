import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerConsent } from '../src/sandbox/index.js';
import { ZoomOAuth } from '../src/zoom/oauth.js';
import { TokenCipher } from '../src/zoom/token-cipher.js';
import { TokenService } from '../src/zoom/token-service.js';
import { connectMember } from './support/consent.js';
import { type Stack, startStack } from './support/stack.js';

const KEY = randomBytes(32);

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: { TOKEN_ENCRYPTION_KEY: KEY.toString('base64') } });
});
afterAll(() => stack.close());

function serviceWith(key: Buffer | undefined) {
  const oauth = new ZoomOAuth({ ...stack.config.zoom, oauthUrl: stack.sandbox.url });
  return new TokenService(stack.store, oauth, pino({ level: 'silent' }), {
    cipher: new TokenCipher(key),
  });
}

async function dataFiles(): Promise<string> {
  const names = await readdir(stack.dataDir);
  const texts = await Promise.all(names.map((name) => readFile(join(stack.dataDir, name), 'utf8')));
  return texts.join('\n');
}

describe('TOKEN_ENCRYPTION_KEY', () => {
  it('keeps access and refresh tokens out of the data files in clear text', async () => {
    const token = await connectMember(stack, 'secret@example.com');
    const made = await stack.gql('mutation { createMeeting(input: {}) { id } }', {}, { token });
    expect(made.errors).toBeUndefined();

    const doc = await stack.store.document('secret@example.com');
    for (const field of ['access_token', 'refresh_token', 'scope'] as const) {
      expect(doc?.[field]).toMatch(/^enc:v1:/);
    }
    const cipher = new TokenCipher(KEY);
    const clear = [doc?.access_token, doc?.refresh_token].map((v) => cipher.decrypt(String(v)));
    const files = await dataFiles();
    for (const value of clear) {
      expect(value.length).toBeGreaterThan(20);
      expect(files).not.toContain(value);
    }
    expect(files).not.toContain('meeting:write:meeting');
  });

  it('still reads a document written before the key was set, and encrypts it on refresh', async () => {
    await serviceWith(undefined).connect(
      'old@example.com',
      ...(await freshCode('old.zoom@example.org')),
    );
    const plain = await stack.store.document('old@example.com');
    expect(plain?.access_token).not.toMatch(/^enc:/);

    const status = await stack.gql(
      '{ zoomConnection(userEmail: "old@example.com") { connected scope } }',
      {},
      { apiKey: stack.config.adminApiKeys[0] as string },
    );
    expect(status.data?.zoomConnection).toMatchObject({ connected: true });
    expect(await serviceWith(KEY).accessToken('old@example.com')).toBe(plain?.access_token);
  });

  it('refuses to use tokens with a wrong key, sending nothing to Zoom', async () => {
    await connectMember(stack, 'wrongkey@example.com');
    const before = await stack.stats();
    await expect(serviceWith(randomBytes(32)).accessToken('wrongkey@example.com')).rejects.toThrow(
      'cannot be decrypted with the configured TOKEN_ENCRYPTION_KEY',
    );
    await expect(serviceWith(undefined).accessToken('wrongkey@example.com')).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
    expect(await stack.stats()).toEqual(before);
  });
});

/** A code and PKCE verifier for a direct exchange, as the connect flow would produce. */
async function freshCode(zoomEmail: string): Promise<[string, string]> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const { location } = await answerConsent(stack.sandbox.url, {
    clientId: stack.config.zoom.clientId,
    redirectUri: stack.config.zoom.redirectUri,
    codeChallenge: challenge,
    codeChallengeMethod: 'S256',
    email: zoomEmail,
  });
  return [location.searchParams.get('code') ?? '', verifier];
}
