/** What to send to `/oauth/authorize`, and how the person on the consent page answers. */
export interface ConsentAnswer {
  clientId: string;
  redirectUri: string;
  state?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  /** The Zoom user to sign in as; default the new address the page offers. */
  email?: string;
  /** Default `allow`. */
  decision?: 'allow' | 'deny';
}

/** Where the consent page sent the browser, and who signed in. */
export interface ConsentResult {
  /** The redirect back to the app, with `code` or `error`, and `state`. */
  location: URL;
  email: string;
}

const EMAIL_INPUT = /<input[^>]*name="email"[^>]*value="([^"]*)"/;

function unescapeHtml(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/**
 * Answers the sandbox's consent page the way a browser would (load it, submit its form) and
 * returns the redirect, so tests and benchmarks can get codes without a browser.
 */
export async function answerConsent(
  sandboxUrl: string,
  answer: ConsentAnswer,
): Promise<ConsentResult> {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: answer.clientId,
    redirect_uri: answer.redirectUri,
  });
  if (answer.state !== undefined) params.set('state', answer.state);
  if (answer.codeChallenge !== undefined) params.set('code_challenge', answer.codeChallenge);
  if (answer.codeChallengeMethod) params.set('code_challenge_method', answer.codeChallengeMethod);

  const page = await fetch(`${sandboxUrl}/oauth/authorize?${params}`);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}`);
  const offered = EMAIL_INPUT.exec(html)?.[1];
  const email = answer.email ?? (offered === undefined ? '' : unescapeHtml(offered));

  params.set('email', email);
  params.set('decision', answer.decision ?? 'allow');
  const submitted = await fetch(`${sandboxUrl}/oauth/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: params,
    redirect: 'manual',
  });
  await submitted.arrayBuffer();
  const location = submitted.headers.get('location');
  if (submitted.status !== 302 || !location) {
    throw new Error(`consent form answered ${submitted.status}`);
  }
  return { location: new URL(location), email };
}
