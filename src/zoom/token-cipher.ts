import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { GatewayError } from '../errors.js';
import type { StoredConnection, StoredTokens } from '../store/index.js';

const PREFIX = 'enc:v1:';

/** Stored tokens could not be decrypted: `TOKEN_ENCRYPTION_KEY` is not the key they were written with. */
export class TokenDecryptionError extends GatewayError {
  constructor() {
    super(
      'STORE_UNAVAILABLE',
      'Stored Zoom tokens cannot be decrypted with the configured TOKEN_ENCRYPTION_KEY',
    );
  }
}

/**
 * Encrypts the token fields (`access_token`, `refresh_token`, `scope`) with AES-256-GCM into
 * `enc:v1:<iv>.<tag>.<ciphertext>` strings. Without a key it stores plain text; a document
 * written before a key was set still reads, and is encrypted on its next write.
 */
export class TokenCipher {
  private readonly key: Buffer | undefined;

  constructor(key: Buffer | undefined) {
    if (key && key.length !== 32) throw new Error('TOKEN_ENCRYPTION_KEY must be 32 bytes');
    this.key = key;
  }

  encrypt(value: string): string {
    if (!this.key) return value;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url'));
    return PREFIX + parts.join('.');
  }

  decrypt(value: string): string {
    if (!value.startsWith(PREFIX)) return value;
    if (!this.key) throw new TokenDecryptionError();
    const [iv, tag, data] = value
      .slice(PREFIX.length)
      .split('.')
      .map((p) => Buffer.from(p, 'base64url'));
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv as Buffer);
      decipher.setAuthTag(tag as Buffer);
      return Buffer.concat([decipher.update(data as Buffer), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenDecryptionError();
    }
  }

  /** The token fields as they go into the store. */
  seal(tokens: StoredTokens): StoredTokens {
    return {
      ...tokens,
      accessToken: this.encrypt(tokens.accessToken),
      refreshToken: this.encrypt(tokens.refreshToken),
      scope: this.encrypt(tokens.scope),
    };
  }

  /** A connection as read from the store, with its token fields in clear. */
  open(connection: StoredConnection): StoredConnection {
    return {
      ...connection,
      accessToken: this.decrypt(connection.accessToken),
      refreshToken: this.decrypt(connection.refreshToken),
      scope: this.decrypt(connection.scope),
    };
  }
}
