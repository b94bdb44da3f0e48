import { randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import {
  BadUserInputError,
  ZoomApiError,
  ZoomNotConnectedError,
  ZoomReauthRequiredError,
} from '../errors.js';
import { memberTag } from '../logger.js';
import type { StoredConnection, StoredTokens, ZoomUserStore } from '../store/index.js';
import { OAuthRejection, type TokenGrant, type ZoomOAuth } from './oauth.js';
import { TokenCipher } from './token-cipher.js';

/** Tuning of the token service. */
export interface TokenServiceOptions {
  /** Encrypts the token fields at rest; plain text without a key. */
  cipher?: TokenCipher;
  /** Refresh this long before Zoom's expiry (at most a tenth of the lifetime). Default 60 s. */
  refreshMarginSeconds?: number;
  /** How often a token write after a refresh is tried before giving up. Default 5. */
  writeAttempts?: number;
  /** How long a refresh lease lasts if its holder dies. Default 15 s. */
  leaseTtlMs?: number;
  now?: () => number;
}

/** What a member's connection looks like from outside: never the tokens themselves. */
export interface ConnectionStatus {
  connected: boolean;
  scopes: string[];
  expiresAt: Date | null;
  expired: boolean;
}

/** A connection as stored (for compare-and-set) and with its tokens in clear (for use). */
interface Read {
  stored: StoredConnection;
  clear: StoredConnection;
}

/** Where a Zoom client gets a member's access token. */
export interface TokenSource {
  accessToken(userEmail: string): Promise<string>;
  renewRejected(userEmail: string, rejected: string): Promise<string>;
}

/** When the stored access token stops working, from `_updatedDate + expires_in`. */
export function expiresAt(connection: StoredConnection): Date {
  return new Date(connection.updatedAt.getTime() + connection.expiresIn * 1000);
}

/**
 * The only place that reads and writes members' Zoom tokens. Zoom's refresh tokens rotate and
 * die when used, so each member's token is refreshed at most once at a time: callers in this
 * process share one refresh, and processes sharing the store take a lease in it first.
 */
export class TokenService implements TokenSource {
  private readonly store: ZoomUserStore;
  private readonly oauth: ZoomOAuth;
  private readonly log: Logger;
  private readonly cipher: TokenCipher;
  private readonly marginMs: number;
  private readonly writeAttempts: number;
  private readonly leaseTtlMs: number;
  private readonly now: () => number;
  private readonly refreshing = new Map<string, Promise<StoredConnection>>();

  constructor(
    store: ZoomUserStore,
    oauth: ZoomOAuth,
    log: Logger,
    options: TokenServiceOptions = {},
  ) {
    this.store = store;
    this.oauth = oauth;
    this.log = log;
    this.cipher = options.cipher ?? new TokenCipher(undefined);
    this.marginMs = (options.refreshMarginSeconds ?? 60) * 1000;
    this.writeAttempts = options.writeAttempts ?? 5;
    this.leaseTtlMs = options.leaseTtlMs ?? 15_000;
    this.now = options.now ?? Date.now;
  }

  /** Exchanges an OAuth code and stores the member's first (or renewed) connection. */
  async connect(userEmail: string, code: string, codeVerifier: string): Promise<StoredConnection> {
    let grant: TokenGrant;
    try {
      grant = await this.oauth.exchangeCode(code, codeVerifier);
    } catch (error) {
      if (!(error instanceof OAuthRejection)) throw error;
      throw new BadUserInputError('The Zoom authorization code is invalid or was used', 'code');
    }
    if (!grant.refreshToken) {
      throw new ZoomApiError('Zoom granted no refresh token for this code');
    }

    const tokens: StoredTokens = {
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      expiresIn: grant.expiresIn,
      scope: grant.scope ?? '',
      tokenType: grant.tokenType,
    };
    const stored = await this.store.save(userEmail, this.cipher.seal(tokens));
    this.log.info({ member: memberTag(userEmail) }, 'zoom connected');
    return this.cipher.open(stored);
  }

  /** The member's connection as the outside may see it; `connected: false` when there is none. */
  async status(userEmail: string): Promise<ConnectionStatus> {
    const read = await this.read(userEmail);
    if (!read) return { connected: false, scopes: [], expiresAt: null, expired: false };
    const expiry = expiresAt(read.clear);
    return {
      connected: true,
      scopes: read.clear.scope.split(' ').filter(Boolean),
      expiresAt: expiry,
      expired: expiry.getTime() <= this.now(),
    };
  }

  /** A Zoom access token that is valid now, refreshing the stored one when it has expired. */
  async accessToken(userEmail: string): Promise<string> {
    const read = await this.read(userEmail);
    if (!read) throw new ZoomNotConnectedError();
    if (!this.isStale(read.clear)) return read.clear.accessToken;
    return (await this.refreshOnce(userEmail)).accessToken;
  }

  /**
   * A replacement for an access token that Zoom has just rejected (401, code 124). Only the
   * first caller with that token refreshes; the others get what it stored.
   */
  async renewRejected(userEmail: string, rejected: string): Promise<string> {
    return (await this.refreshOnce(userEmail, rejected)).accessToken;
  }

  /**
   * A view for one request: each member's token is read from the store once, however many
   * Zoom calls the request makes. A rejected token is renewed through the service as usual.
   */
  forRequest(): TokenSource {
    const tokens = new Map<string, Promise<string>>();
    return {
      accessToken: (userEmail) => {
        let token = tokens.get(userEmail);
        if (!token) {
          token = this.accessToken(userEmail);
          tokens.set(userEmail, token);
          token.catch(() => tokens.delete(userEmail));
        }
        return token;
      },
      renewRejected: (userEmail, rejected) => {
        const renewed = this.renewRejected(userEmail, rejected);
        tokens.set(userEmail, renewed);
        renewed.catch(() => tokens.delete(userEmail));
        return renewed;
      },
    };
  }

  /** Revokes the member's tokens at Zoom (best effort) and forgets them. */
  async disconnect(userEmail: string): Promise<boolean> {
    const read = await this.read(userEmail);
    if (!read) return false;
    await this.oauth.revoke(read.clear.accessToken).catch((error: unknown) => {
      this.log.warn({ member: memberTag(userEmail), err: String(error) }, 'zoom revoke failed');
    });
    return this.store.remove(userEmail);
  }

  private async read(userEmail: string): Promise<Read | null> {
    const stored = await this.store.find(userEmail);
    return stored ? { stored, clear: this.cipher.open(stored) } : null;
  }

  /** Expired, or nearly: the margin is a tenth of the lifetime, at most the configured one. */
  private isStale(connection: StoredConnection): boolean {
    const margin = Math.min(this.marginMs, connection.expiresIn * 100);
    return expiresAt(connection).getTime() - margin <= this.now();
  }

  private needsRefresh(connection: StoredConnection, rejected: string | undefined): boolean {
    return rejected ? connection.accessToken === rejected : this.isStale(connection);
  }

  /** Callers in this process that need the same member's refresh share one. */
  private refreshOnce(userEmail: string, rejected?: string): Promise<StoredConnection> {
    const running = this.refreshing.get(userEmail);
    if (running) return running;
    const refresh = this.refreshShared(userEmail, rejected).finally(() =>
      this.refreshing.delete(userEmail),
    );
    this.refreshing.set(userEmail, refresh);
    return refresh;
  }

  /** Takes the member's lease in the store, or waits for its holder and reads what it wrote. */
  private async refreshShared(userEmail: string, rejected?: string): Promise<StoredConnection> {
    const key = `refresh:${userEmail}`;
    const deadline = Date.now() + this.leaseTtlMs + 5000;
    for (;;) {
      const read = await this.read(userEmail);
      if (!read) throw new ZoomNotConnectedError();
      if (!this.needsRefresh(read.clear, rejected)) return read.clear;

      const holder = randomUUID();
      if (await this.store.acquireLease(key, holder, this.leaseTtlMs)) {
        try {
          return await this.refreshHolding(userEmail, rejected);
        } finally {
          await this.store.releaseLease(key, holder).catch(() => undefined);
        }
      }
      if (Date.now() > deadline) {
        throw new ZoomApiError('A Zoom token refresh is taking too long; try again', {}, true);
      }
      await sleep(40 + randomInt(40));
    }
  }

  private async refreshHolding(userEmail: string, rejected?: string): Promise<StoredConnection> {
    // Read again under the lease: another process may have refreshed before we got it.
    const read = await this.read(userEmail);
    if (!read) throw new ZoomNotConnectedError();
    if (!this.needsRefresh(read.clear, rejected)) return read.clear;

    let grant: TokenGrant;
    try {
      grant = await this.oauth.refresh(read.clear.refreshToken);
    } catch (error) {
      if (!(error instanceof OAuthRejection)) throw error;
      if (!error.invalidGrant) {
        // Refused for a reason of the app's (e.g. invalid_client): the member's grant still lives.
        this.log.error(
          { error: error.error, status: error.status },
          'zoom refused a token refresh',
        );
        throw new ZoomApiError('Zoom refused to refresh the token; try again later', {
          status: error.status,
        });
      }
      await this.store.remove(userEmail);
      this.log.warn({ member: memberTag(userEmail) }, 'zoom refused the refresh token; removed');
      throw new ZoomReauthRequiredError();
    }

    // Zoom may leave a field out of a refresh answer; the stored value then stays.
    const tokens: StoredTokens = {
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken ?? read.clear.refreshToken,
      expiresIn: grant.expiresIn,
      scope: grant.scope ?? read.clear.scope,
      tokenType: grant.tokenType,
    };
    const saved = await this.writeRefreshed(userEmail, read.stored.refreshToken, tokens);
    this.log.info({ member: memberTag(userEmail) }, 'token refreshed');
    return saved;
  }

  /**
   * Zoom has already killed the old refresh token, so the new pair must land: the write is
   * retried, and a connection that someone else changed meanwhile is kept as it is.
   */
  private async writeRefreshed(
    userEmail: string,
    previousRefreshToken: string,
    tokens: StoredTokens,
  ): Promise<StoredConnection> {
    const sealed = this.cipher.seal(tokens);
    for (let attempt = 1; ; attempt++) {
      try {
        const saved = await this.store.replaceTokens(userEmail, previousRefreshToken, sealed);
        if (saved) return this.cipher.open(saved);
        const newer = await this.read(userEmail);
        if (newer) return newer.clear;
        throw new ZoomNotConnectedError();
      } catch (error) {
        if (error instanceof ZoomNotConnectedError || attempt >= this.writeAttempts) {
          this.log.error(
            { member: memberTag(userEmail), attempt, err: String(error) },
            'refreshed tokens could not be stored',
          );
          throw error;
        }
        await sleep(50 * 2 ** attempt);
      }
    }
  }
}
