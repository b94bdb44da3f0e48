import type { Stack } from './stack.js';

const decode = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The fields of the first form of an HTML page, as a browser would submit them. */
export function readForm(html: string): { action: string; fields: Record<string, string> } {
  const form = /<form\b[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error('the page has no form');
  const action = /action="([^"]*)"/i.exec(form[0])?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const [input] of form[1]?.matchAll(/<input\b[^>]*>/gi) ?? []) {
    const name = /name="([^"]*)"/i.exec(input)?.[1];
    if (!name || /type="submit"/i.test(input)) continue;
    fields[decode(name)] = decode(/value="([^"]*)"/i.exec(input)?.[1] ?? '');
  }
  return { action: decode(action), fields };
}

/**
 * Goes through Zoom's consent page as a member's browser would: opens the authorize URL,
 * submits the form (signing in as `zoomEmail` when given) and returns where Zoom redirected.
 */
export async function consent(authorizeUrl: string, zoomEmail?: string): Promise<URL> {
  const page = await fetch(authorizeUrl);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}`);
  const { action, fields } = readForm(await page.text());
  if (zoomEmail) fields.email = zoomEmail;

  const answer = await fetch(new URL(action, authorizeUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, decision: 'allow' }),
    redirect: 'manual',
  });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location) throw new Error(`consent answered ${answer.status}`);
  return new URL(location);
}

/** The code and state Zoom sent back, for a member who asked for an authorize URL. */
export async function signInAtZoom(
  stack: Stack,
  token: string,
  options: unknown = null,
  zoomEmail?: string,
): Promise<{ code: string; state: string }> {
  const asked = await stack.gql<{ zoomAuthorizeUrl: string }>(
    'query ($o: JSON) { zoomAuthorizeUrl(options: $o) }',
    { o: options },
    { token },
  );
  const url = asked.data?.zoomAuthorizeUrl;
  if (!url) throw new Error(`no authorize URL: ${JSON.stringify(asked.errors)}`);
  const back = await consent(url, zoomEmail);
  return { code: back.searchParams.get('code') ?? '', state: back.searchParams.get('state') ?? '' };
}

/** Connects a member's Zoom account end to end; returns their member token. */
export async function connectMember(stack: Stack, email: string, zoomEmail?: string) {
  const token = await stack.memberToken(email);
  const { code, state } = await signInAtZoom(stack, token, null, zoomEmail);
  const result = await stack.gql(
    'mutation ($c: String!, $s: String!) { connectZoom(code: $c, state: $s) { success } }',
    { c: code, s: state },
    { token },
  );
  if (!result.data?.connectZoom)
    throw new Error(`connect failed: ${JSON.stringify(result.errors)}`);
  return token;
}
