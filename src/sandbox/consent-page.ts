import { GRANTED_SCOPES } from './token-store.js';

/** What the consent page shows and posts back. */
export interface ConsentPage {
  clientId: string;
  /** Every parameter `/oauth/authorize` received, posted back as hidden inputs. */
  params: URLSearchParams;
  email: string;
  /** Shown above the form when a posted email was refused. */
  problem?: string;
}

const STYLE = `
  body { margin: 0; font: 15px/1.5 system-ui, sans-serif; background: #f4f6fb; color: #1f2430; }
  main { max-width: 420px; margin: 64px auto; padding: 32px; background: #fff;
    border-radius: 12px; box-shadow: 0 2px 12px rgba(20, 30, 60, 0.12); }
  h1 { margin: 0 0 8px; font-size: 22px; }
  .brand { color: #0b5cff; font-weight: 700; letter-spacing: 0.02em; }
  ul { padding-left: 20px; color: #444c5e; }
  label { display: block; margin: 20px 0 6px; font-weight: 600; }
  input[type=email] { width: 100%; box-sizing: border-box; padding: 10px 12px;
    border: 1px solid #c4cad8; border-radius: 8px; font: inherit; }
  .actions { display: flex; gap: 12px; margin-top: 24px; }
  button { flex: 1; padding: 10px; border-radius: 8px; font: inherit; font-weight: 600;
    cursor: pointer; border: 1px solid #0b5cff; }
  .allow { background: #0b5cff; color: #fff; }
  .deny { background: #fff; color: #0b5cff; }
  .problem { padding: 10px 12px; border-radius: 8px; background: #fdecec; color: #9b1c1c; }
  code { font-size: 13px; }
`;

/** Escapes text for an HTML element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="brand">zoom sandbox</div>
${content}
</main>
</body>
</html>
`;
}

/** The page where a person picks the Zoom user to sign in as, then allows or declines. */
export function consentPage(consent: ConsentPage): string {
  const hidden = [...consent.params]
    .filter(([name]) => name !== 'email' && name !== 'decision')
    .map(([name, value]) => {
      return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
    })
    .join('\n');
  const scopes = GRANTED_SCOPES.split(' ')
    .map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`)
    .join('\n');
  const problem = consent.problem
    ? `<p class="problem" role="alert">${escapeHtml(consent.problem)}</p>`
    : '';

  return page(
    'Sign in to the Zoom sandbox',
    `<h1>Allow <code>${escapeHtml(consent.clientId)}</code> to use your Zoom account?</h1>
<p>It will be able to:</p>
<ul>
${scopes}
</ul>
${problem}
<form method="post" action="/oauth/authorize">
${hidden}
<label for="email">Sign in as (an address seen before signs in as that Zoom user)</label>
<input type="email" id="email" name="email" value="${escapeHtml(consent.email)}" required>
<div class="actions">
<button type="submit" class="allow" name="decision" value="allow">Allow</button>
<button type="submit" class="deny" name="decision" value="deny" formnovalidate>Decline</button>
</div>
</form>`,
  );
}

/** Zoom's error screen for an authorize request it will not redirect back from. */
export function authorizeErrorPage(message: string, errorCode: number): string {
  const detail = JSON.stringify({ status: false, errorCode, errorMessage: message, result: null });
  return page(
    message,
    `<h1>${escapeHtml(message)}</h1>
<p class="problem" role="alert">errorCode ${errorCode}: ${escapeHtml(message)}</p>
<p><code>${escapeHtml(detail)}</code></p>
<p>The app sent a request that Zoom cannot accept, so you were not sent back to it.</p>`,
  );
}
