import { createHash, timingSafeEqual } from 'node:crypto';
import { formBody, jsonReply, type Reply, type SandboxRequest } from './http-io.js';
import type { Route } from './router.js';
import type { SandboxClient, SandboxState } from './sandbox-state.js';
import { GRANTED_SCOPES, type Grant } from './token-store.js';

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

/** `POST /oauth/token` (code exchange and refresh) and `POST /oauth/revoke`. */
export function tokenRoutes(state: SandboxState): Route[] {
  return [
    { method: 'POST', pattern: '/oauth/token', handler: (request) => token(state, request) },
    { method: 'POST', pattern: '/oauth/revoke', handler: (request) => revoke(state, request) },
  ];
}

/** Zoom's OAuth error body, `{reason, error}`. */
function oauthError(status: number, error: string, reason: string): Reply {
  return jsonReply(status, { reason, error }, NO_STORE);
}

// Only the Basic header authenticates the app; Zoom takes no client_secret in the body.
function authenticate(state: SandboxState, request: SandboxRequest): SandboxClient | Reply {
  const header = request.headers.authorization ?? '';
  const [scheme = '', encoded = ''] = header.split(' ');
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const split = decoded.indexOf(':');
  const client = split > 0 ? state.client(decoded.slice(0, split)) : undefined;

  const secret = decoded.slice(split + 1);
  if (scheme.toLowerCase() !== 'basic' || !client || !sameText(secret, client.clientSecret)) {
    return oauthError(401, 'invalid_client', 'Invalid client_id or client_secret');
  }
  if ([...request.query.keys()].length > 0) {
    return oauthError(
      400,
      'invalid_request',
      'Parameters are not supported as query parameter string',
    );
  }
  return client;
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function grantReply(state: SandboxState, grant: Grant): Reply {
  const body = {
    access_token: grant.accessToken,
    token_type: 'bearer',
    refresh_token: grant.refreshToken,
    expires_in: state.tokens.expiresIn,
    scope: GRANTED_SCOPES,
    api_url: state.url,
  };
  return jsonReply(200, body, NO_STORE);
}

function token(state: SandboxState, request: SandboxRequest): Reply {
  const client = authenticate(state, request);
  if ('status' in client) return client;

  const form = formBody(request);
  const grantType = form.get('grant_type');
  if (grantType === 'authorization_code') return exchangeCode(state, client, form);
  if (grantType === 'refresh_token') return refresh(state, client, form);
  if (grantType === null) return oauthError(400, 'invalid_request', 'Missing grant_type');
  return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type');
}

function exchangeCode(state: SandboxState, client: SandboxClient, form: URLSearchParams): Reply {
  const code = state.tokens.takeCode(form.get('code') ?? '');
  if (!code || code.clientId !== client.clientId) {
    return oauthError(400, 'invalid_grant', 'Invalid authorization code');
  }
  if (code.expired) return oauthError(400, 'invalid_grant', 'Code is expired');
  if (form.get('redirect_uri') !== code.redirectUri) {
    return oauthError(400, 'invalid_request', 'Redirect URI mismatch');
  }
  if (code.codeChallenge !== undefined) {
    const verifier = form.get('code_verifier') ?? '';
    const derived =
      code.codeChallengeMethod === 'S256'
        ? createHash('sha256').update(verifier).digest('base64url')
        : verifier;
    if (verifier === '' || !sameText(derived, code.codeChallenge)) {
      return oauthError(400, 'invalid_grant', 'Invalid code_verifier');
    }
  }

  const grant = state.tokens.authorize(code.userId, client.clientId);
  state.log('code exchanged', { userId: code.userId, clientId: client.clientId });
  return grantReply(state, grant);
}

function refresh(state: SandboxState, client: SandboxClient, form: URLSearchParams): Reply {
  const grant = state.tokens.refresh(form.get('refresh_token') ?? '', client.clientId);
  if (!grant) return oauthError(400, 'invalid_grant', 'Invalid Token!');

  state.log('token refreshed', { userId: grant.userId, clientId: client.clientId });
  return grantReply(state, grant);
}

function revoke(state: SandboxState, request: SandboxRequest): Reply {
  const client = authenticate(state, request);
  if ('status' in client) return client;

  const value = formBody(request).get('token');
  if (!value) return oauthError(400, 'invalid_request', 'Token cannot be empty');

  // Like RFC 7009, revoking a token that is already dead still succeeds.
  const revoked = state.tokens.revoke(value, client.clientId);
  state.log('token revoked', { clientId: client.clientId, revoked });
  return jsonReply(200, { status: 'success' }, NO_STORE);
}
