import { randomToken } from './random-ids.js';

const CODE_TTL_MS = 5 * 60_000;

/** The granular scopes every sandbox authorization grants, as Zoom's `scope` string. */
export const GRANTED_SCOPES = [
  'meeting:read:meeting',
  'meeting:write:meeting',
  'meeting:update:meeting',
  'meeting:delete:meeting',
  'meeting:read:list_meetings',
  'user:read:user',
].join(' ');

/** What an authorization code was issued for. */
export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  codeChallenge?: string;
  codeChallengeMethod: 'S256' | 'plain';
  expiresAt: number;
}

/** One access token and the refresh token issued with it; both die together. */
export interface Grant {
  userId: string;
  clientId: string;
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
}

/** Codes and token pairs; a pair is live while its tokens are in the maps. */
export class TokenStore {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly byAccess = new Map<string, Grant>();
  private readonly byRefresh = new Map<string, Grant>();

  constructor(
    private readonly now: () => number,
    private readonly ttlSeconds: number,
  ) {}

  /** The access-token lifetime, as `expires_in` reports it. */
  get expiresIn(): number {
    return this.ttlSeconds;
  }

  /** A one-use code, valid for five minutes. */
  issueCode(fields: Omit<AuthorizationCode, 'expiresAt'>): string {
    const code = randomToken(24);
    this.codes.set(code, { ...fields, expiresAt: this.now() + CODE_TTL_MS });
    return code;
  }

  /** Looks a code up and spends it, whatever the exchange then decides. */
  takeCode(code: string): (AuthorizationCode & { expired: boolean }) | undefined {
    const found = this.codes.get(code);
    if (!found) return undefined;

    this.codes.delete(code);
    return { ...found, expired: this.now() >= found.expiresAt };
  }

  /**
   * A new pair for a fresh authorization. Zoom's token tolerance is 1: the user's earlier
   * pairs for the same app die.
   */
  authorize(userId: string, clientId: string): Grant {
    for (const grant of [...this.byAccess.values()]) {
      if (grant.userId === userId && grant.clientId === clientId) this.kill(grant);
    }
    return this.issue(userId, clientId);
  }

  /** Swaps a live refresh token of `clientId` for a new pair; the old pair dies at once. */
  refresh(refreshToken: string, clientId: string): Grant | undefined {
    const grant = this.byRefresh.get(refreshToken);
    if (!grant || grant.clientId !== clientId) return undefined;

    this.kill(grant);
    return this.issue(grant.userId, clientId);
  }

  /** Kills the app's pair holding `token` (access or refresh); false when none has it. */
  revoke(token: string, clientId: string): boolean {
    const grant = this.byAccess.get(token) ?? this.byRefresh.get(token);
    if (!grant || grant.clientId !== clientId) return false;

    this.kill(grant);
    return true;
  }

  /** Kills every pair of a user and returns the apps that held one. */
  revokeUser(userId: string): string[] {
    const clients = new Set<string>();
    for (const grant of [...this.byRefresh.values()]) {
      if (grant.userId !== userId) continue;
      clients.add(grant.clientId);
      this.kill(grant);
    }
    return [...clients];
  }

  /** The user an access token acts for, while it is live and unexpired. */
  userOf(accessToken: string): string | undefined {
    const grant = this.byAccess.get(accessToken);
    if (!grant || this.now() >= grant.accessExpiresAt) return undefined;
    return grant.userId;
  }

  private issue(userId: string, clientId: string): Grant {
    const grant: Grant = {
      userId,
      clientId,
      accessToken: randomToken(48),
      refreshToken: randomToken(48),
      accessExpiresAt: this.now() + this.ttlSeconds * 1000,
    };
    this.byAccess.set(grant.accessToken, grant);
    this.byRefresh.set(grant.refreshToken, grant);
    return grant;
  }

  private kill(grant: Grant): void {
    this.byAccess.delete(grant.accessToken);
    this.byRefresh.delete(grant.refreshToken);
  }
}
