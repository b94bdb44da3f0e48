import { authorizeErrorPage, consentPage } from './consent-page.js';
import { formBody, htmlReply, type Reply, redirectReply } from './http-io.js';
import type { Route } from './router.js';
import type { SandboxClient, SandboxState } from './sandbox-state.js';
import { isEmail } from './zoom-users.js';

/** A checked authorize request. */
interface AuthorizeRequest {
  client: SandboxClient;
  redirectUri: string;
  codeChallenge?: string;
  codeChallengeMethod: 'S256' | 'plain';
}

/** `GET /oauth/authorize` shows the consent page; its form posts back to the same path. */
export function authorizeRoutes(state: SandboxState): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/oauth/authorize',
      handler: (request) => showConsent(state, request.query),
    },
    {
      method: 'POST',
      pattern: '/oauth/authorize',
      handler: (request) => decide(state, formBody(request)),
    },
  ];
}

// Zoom shows an error screen and never redirects when it cannot trust the redirect_uri.
function check(state: SandboxState, params: URLSearchParams): AuthorizeRequest | Reply {
  const client = state.client(params.get('client_id'));
  if (!client) return htmlReply(400, authorizeErrorPage('Invalid client_id', 4702));

  const redirectUri = params.get('redirect_uri') ?? '';
  if (!client.redirectUris.includes(redirectUri)) {
    return htmlReply(400, authorizeErrorPage('Invalid redirect url', 4700));
  }
  if (params.get('response_type') !== 'code') {
    return htmlReply(400, authorizeErrorPage('Unsupported response_type', 4700));
  }

  const method = params.get('code_challenge_method') ?? 'plain';
  if (method !== 'S256' && method !== 'plain') {
    return htmlReply(400, authorizeErrorPage('Invalid code_challenge_method', 4700));
  }
  const codeChallenge = params.get('code_challenge') || undefined;
  return { client, redirectUri, codeChallenge, codeChallengeMethod: method };
}

function showConsent(state: SandboxState, params: URLSearchParams): Reply {
  const checked = check(state, params);
  if ('status' in checked) return checked;

  const email = state.users.freshEmail();
  return htmlReply(200, consentPage({ clientId: checked.client.clientId, params, email }));
}

function decide(state: SandboxState, form: URLSearchParams): Reply {
  const checked = check(state, form);
  if ('status' in checked) return checked;

  const target = new URL(checked.redirectUri);
  const passState = () => {
    const value = form.get('state');
    if (value !== null) target.searchParams.set('state', value);
  };

  const decision = form.get('decision');
  if (decision === 'deny') {
    target.searchParams.set('error', 'access_denied');
    passState();
    return redirectReply(target.href);
  }
  if (decision !== 'allow') {
    return htmlReply(400, authorizeErrorPage('Choose Allow or Decline', 4700));
  }

  const email = (form.get('email') ?? '').trim();
  if (!isEmail(email)) {
    const page = consentPage({
      clientId: checked.client.clientId,
      params: form,
      email,
      problem: 'Enter an email address to sign in as.',
    });
    return htmlReply(400, page);
  }

  const user = state.users.signIn(email);
  const code = state.tokens.issueCode({
    clientId: checked.client.clientId,
    redirectUri: checked.redirectUri,
    userId: user.id,
    codeChallenge: checked.codeChallenge,
    codeChallengeMethod: checked.codeChallengeMethod,
  });
  state.log('user authorized', { userId: user.id, clientId: checked.client.clientId });

  target.searchParams.set('code', code);
  passState();
  return redirectReply(target.href);
}
