import { ZoomApiError, ZoomRateLimitedError } from '../errors.js';
import { retryAfterSeconds } from './rest-client.js';

/** The Zoom OAuth app and where its endpoints live. */
export interface ZoomOAuthOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Zoom's OAuth origin, `https://zoom.us` unless the sandbox stands in. */
  oauthUrl: string;
  /** Abort a call to the token endpoint after this long; default 10 s. */
  timeoutMs?: number;
}

/** Tokens as Zoom's token endpoint answers them, in the gateway's words. */
export interface TokenGrant {
  accessToken: string;
  /** Absent when Zoom's answer left it out; the caller keeps the one it has. */
  refreshToken: string | undefined;
  expiresIn: number;
  scope: string | undefined;
  tokenType: string;
}

/** Zoom's token endpoint refused the request (`{reason, error}`), as opposed to being unreachable. */
export class OAuthRejection extends Error {
  readonly error: string;
  readonly status: number;

  constructor(status: number, error: string, reason: string) {
    super(reason);
    this.status = status;
    this.error = error;
  }

  /** The grant is dead: the code was spent or the refresh token revoked or rotated out. */
  get invalidGrant(): boolean {
    return this.error === 'invalid_grant';
  }
}

/** Zoom gives `expires_in` in seconds; when it gives none the package assumed an hour. */
const DEFAULT_EXPIRES_IN = 3600;

/** The calls of Zoom's user-authorization flow: authorize URL, code exchange, refresh, revoke. */
export class ZoomOAuth {
  private readonly options: ZoomOAuthOptions;

  constructor(options: ZoomOAuthOptions) {
    this.options = options;
  }

  /** The consent page URL for a signed state and PKCE challenge. */
  authorizeUrl(state: string, codeChallenge: string): string {
    const url = new URL('/oauth/authorize', this.options.oauthUrl);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.options.clientId);
    url.searchParams.set('redirect_uri', this.options.redirectUri);
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
    return url.toString();
  }

  /** Trades an authorization code for tokens, with the same redirect URI as the authorize step. */
  exchangeCode(code: string, codeVerifier: string): Promise<TokenGrant> {
    return this.tokenRequest({
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.options.redirectUri,
      code_verifier: codeVerifier,
    });
  }

  /** Uses a refresh token once; Zoom rotates it, so the old one dies with this call. */
  refresh(refreshToken: string): Promise<TokenGrant> {
    return this.tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  /** Revokes the access and refresh token pair at Zoom. */
  async revoke(token: string): Promise<void> {
    await this.post('/oauth/revoke', { token });
  }

  private async tokenRequest(params: Record<string, string>): Promise<TokenGrant> {
    const body = (await this.post('/oauth/token', params)) as Record<string, unknown>;
    if (typeof body.access_token !== 'string' || !body.access_token) {
      throw new ZoomApiError('Zoom answered the token request without an access token');
    }
    return {
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
      expiresIn:
        typeof body.expires_in === 'number' && body.expires_in > 0
          ? body.expires_in
          : DEFAULT_EXPIRES_IN,
      scope: typeof body.scope === 'string' ? body.scope : undefined,
      tokenType: typeof body.token_type === 'string' ? body.token_type : 'bearer',
    };
  }

  /** Posts a form with Basic client auth; tokens go in the body, never in the query string. */
  private async post(path: string, params: Record<string, string>): Promise<unknown> {
    const { clientId, clientSecret, oauthUrl, timeoutMs = 10_000 } = this.options;
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');

    let response: Response;
    try {
      response = await fetch(new URL(path, oauthUrl), {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams(params),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new ZoomApiError('Zoom could not be reached; try again shortly', {}, true);
    }

    const body = await response.json().catch(() => undefined);
    if (response.ok) return body ?? {};
    if (response.status === 429) {
      throw new ZoomRateLimitedError(retryAfterSeconds(response.headers.get('retry-after')));
    }
    const { error, reason } = (body ?? {}) as { error?: unknown; reason?: unknown };
    if (response.status < 500 && typeof error === 'string') {
      throw new OAuthRejection(response.status, error, String(reason ?? error));
    }
    throw new ZoomApiError(
      `Zoom's OAuth service answered ${response.status}`,
      {
        status: response.status,
      },
      response.status >= 500,
    );
  }
}
