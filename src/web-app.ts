import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Plugin, YogaLogger } from 'graphql-yoga';
import type { Config } from './config.js';
import { signMemberToken } from './member-token.js';

const WEB_DIR = new URL('../web/', import.meta.url);

/** How long a demo member token from `POST /_dev/member-token` lives: one hour. */
const DEMO_TOKEN_TTL_SECONDS = 3600;

/** The example page's policy: its own script, style and API, nothing inline, no frames. */
export const WEB_APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Whether demo members may sign in without a site backend: only against the sandbox and with
 * the per-start dev secret, so such a token is worthless anywhere else and dies with the process.
 */
export function devSignInEnabled(config: Config): boolean {
  return config.sandbox && config.member.devSecret;
}

/** Where the example page lives: `/` with the sandbox, `/app/` beside a real Zoom app. */
export function webAppPath(config: Config): string {
  return config.sandbox ? '/' : '/app/';
}

interface WebAssets {
  html: string;
  js: string;
  css: string;
}

let assets: Promise<WebAssets> | undefined;

async function bundle(): Promise<WebAssets> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(new URL('main.ts', WEB_DIR))],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const [html, css] = await Promise.all([
    readFile(new URL('index.html', WEB_DIR), 'utf8'),
    readFile(new URL('app.css', WEB_DIR), 'utf8'),
  ]);
  return { html, css, js: result.outputFiles[0]?.text ?? '' };
}

/** The page's files, bundled from `web/` once per process on first use. */
function webAssets(): Promise<WebAssets> {
  assets ??= bundle().catch((error: unknown) => {
    assets = undefined;
    throw error;
  });
  return assets;
}

function reply(status: number, body: string, type: string, extra: Record<string, string> = {}) {
  return new Response(body, {
    status,
    headers: {
      'content-type': `${type}; charset=utf-8`,
      'x-content-type-options': 'nosniff',
      ...extra,
    },
  });
}

async function issueDemoToken(config: Config, request: Request): Promise<Response> {
  const json = (status: number, body: unknown) =>
    reply(status, JSON.stringify(body), 'application/json', { 'cache-control': 'no-store' });
  // A JSON body cannot come from a plain cross-site form, only from this page's own script.
  if (!request.headers.get('content-type')?.startsWith('application/json')) {
    return json(415, { error: 'Send JSON: {"email": "..."}' });
  }
  const body = (await request.json().catch(() => null)) as { email?: unknown } | null;
  const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
    return json(400, { error: 'Enter an email address' });
  }

  const token = await signMemberToken(config.member.jwtSecret, email, DEMO_TOKEN_TTL_SECONDS);
  return json(200, { email, token });
}

/**
 * Serves the example frontend of `web/` (bundled in memory with esbuild) at `webAppPath`, and
 * in sandbox mode with the dev secret the demo sign-in `POST /_dev/member-token`.
 */
export function useWebApp(config: Config): Plugin {
  const base = webAppPath(config);
  const signIn = devSignInEnabled(config) ? 'demo' : 'token';
  let logger: YogaLogger | undefined;

  const paths = new Set([base, `${base}app.js`, `${base}app.css`]);
  const page = async (path: string): Promise<Response> => {
    const built = await webAssets();
    const cached = { 'cache-control': 'no-cache' };
    if (path === `${base}app.js`) return reply(200, built.js, 'text/javascript', cached);
    if (path === `${base}app.css`) return reply(200, built.css, 'text/css', cached);
    return reply(200, built.html.replace('__SIGN_IN__', signIn), 'text/html', {
      'content-security-policy': WEB_APP_CSP,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
  };

  return {
    onYogaInit({ yoga }) {
      logger = yoga.logger;
    },
    async onRequest({ request, url, endResponse }) {
      if (request.method === 'POST' && url.pathname === '/_dev/member-token' && signIn === 'demo') {
        return endResponse(await issueDemoToken(config, request));
      }
      if (request.method !== 'GET') return;
      if (base !== '/' && url.pathname === base.slice(0, -1)) {
        return endResponse(new Response(null, { status: 308, headers: { location: base } }));
      }

      if (!paths.has(url.pathname)) return;
      try {
        endResponse(await page(url.pathname));
      } catch (error) {
        logger?.error({ err: error }, 'example page bundle failed');
        endResponse(reply(500, 'The example page could not be built.', 'text/plain'));
      }
    },
  };
}
