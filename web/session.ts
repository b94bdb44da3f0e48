// The member token lives in sessionStorage so that it survives the trip to Zoom's consent
// page and back in the same tab, and no longer than the tab.
const TOKEN_KEY = 'zoom-example.member-token';

/** The signed-in member's token, if any. */
export function savedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Keeps the member token for this tab. */
export function saveToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

/** Signs the member out of this page. */
export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Asks the sandbox-only route for a demo member token; the gateway offers it in sandbox mode. */
export async function demoSignIn(email: string): Promise<string> {
  const response = await fetch('/_dev/member-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  const body = (await response.json().catch(() => ({}))) as { token?: string; error?: string };
  if (!response.ok || !body.token) throw new Error(body.error ?? 'Demo sign-in is not available');
  return body.token;
}
