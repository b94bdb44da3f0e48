import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import type { Config } from './config.js';
import { signMemberToken } from './member-token.js';
import { devSignInEnabled } from './web-app.js';

const ASSETS = '/graphiql/assets/';
const DEMO_MEMBER = 'demo.member@example.com';

/**
 * GraphiQL's policy. Its scripts and workers come from this origin only; Monaco writes its
 * themes into `<style>` elements at run time, which is why inline styles are allowed here.
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

// Runs before the bundle, so that Monaco finds its workers on this origin rather than in blobs.
const BOOT = `self.MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: function (_moduleId, label) {
    var names = { json: 'json', graphql: 'graphql' };
    return '${ASSETS}' + (names[label] || 'editor') + '.worker.js';
  },
};
document.addEventListener('DOMContentLoaded', function () {
  var options = JSON.parse(document.getElementById('graphiql-options').textContent);
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), options);
});
`;

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');

/**
 * `renderGraphiQL` for createYoga: @graphql-yoga/render-graphiql's GraphiQL, with its bundle,
 * styles and workers served from `/graphiql/assets/` instead of inlined, so no script is inline.
 */
export function renderGraphiQLPage(options: GraphiQLOptions): string {
  // `<` is escaped so that no query text can close the data block.
  const data = JSON.stringify(options).replaceAll('<', '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(options.title ?? 'GraphiQL')}</title>
<link rel="icon" href="${ASSETS}favicon.ico">
<link rel="stylesheet" href="${ASSETS}graphiql.css">
</head>
<body id="body" class="no-focus-outline">
<noscript>GraphiQL needs JavaScript.</noscript>
<div id="root"></div>
<script type="application/json" id="graphiql-options">${data}</script>
<script src="${ASSETS}boot.js"></script>
<script src="${ASSETS}graphiql.js"></script>
</body>
</html>
`;
}

const VIEWER = `# The signed-in member; the token is in Headers.
query Viewer {
  viewer {
    email
    zoomConnection { connected expiresAt }
  }
}
`;

const CONNECT = `# 1. Run AuthorizeUrl, open the URL, press Allow.
# 2. Zoom sends the browser to the site's page with
#    ?code=…&state=…; that page runs Connect. The
#    example page at / does, signed in as the same
#    member (sandbox: demo.member@example.com).
query AuthorizeUrl {
  zoomAuthorizeUrl(options: { returnTo: "/" })
}

mutation Connect($code: String!, $state: String!) {
  connectZoom(code: $code, state: $state) {
    success
    state { userEmail options }
  }
}
`;

const MEETINGS = `# Needs a connected Zoom account. The run button asks
# which operation to run; DeleteMeeting takes an id
# from the other two, in Variables.
mutation CreateMeeting {
  createMeeting(input: { topic: "Planning", duration: 30 }) {
    id
    topic
    startTime
    joinUrl
  }
}

query Meetings {
  meetings(first: 10) {
    totalCount
    nodes { id topic startTime joinUrl }
  }
}

mutation DeleteMeeting($id: ID!) {
  deleteMeeting(id: $id) { success id }
}
`;

/**
 * What GraphiQL opens with: the viewer query and tabs of example operations. With the sandbox
 * and the dev secret, the headers already carry a fresh token for the demo member.
 */
export function graphiqlOptions(config: Config): (() => Promise<GraphiQLOptions>) | false {
  if (!config.graphiql) return false;

  return async () => {
    const token = devSignInEnabled(config)
      ? await signMemberToken(config.member.jwtSecret, DEMO_MEMBER)
      : '<member token>';
    const headers = JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2);
    return {
      title: 'Zoom gateway · GraphiQL',
      defaultQuery: VIEWER,
      headers,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: 'headers',
      defaultTabs: [
        { query: VIEWER, headers },
        { query: CONNECT, headers, variables: '{ "code": "", "state": "" }' },
        { query: MEETINGS, headers, variables: '{ "id": "" }' },
      ],
    };
  };
}

type Asset = { body: string | Uint8Array<ArrayBuffer>; type: string };

let assets: Promise<Map<string, Asset>> | undefined;

// The 9 MB module is loaded on the first GraphiQL request only, not at every start-up.
async function loadAssets(): Promise<Map<string, Asset>> {
  const bundle = await import('@graphql-yoga/render-graphiql/graphiql');
  const js = 'text/javascript; charset=utf-8';
  return new Map([
    ['boot.js', { body: BOOT, type: js }],
    ['graphiql.js', { body: bundle.js, type: js }],
    ['graphiql.css', { body: bundle.css, type: 'text/css; charset=utf-8' }],
    ['editor.worker.js', { body: bundle.editorWorkerService, type: js }],
    ['json.worker.js', { body: bundle.jsonWorker, type: js }],
    ['graphql.worker.js', { body: bundle.graphqlWorker, type: js }],
    ['favicon.ico', { body: fromDataUrl(bundle.favicon), type: 'image/x-icon' }],
  ]);
}

function fromDataUrl(dataUrl: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
}

/**
 * Serves GraphiQL's files under `/graphiql/assets/` and puts GRAPHIQL_CSP on the GraphiQL
 * page at `/graphql`; does nothing when GraphiQL is off.
 */
export function useGraphiQLAssets(config: Config): Plugin {
  if (!config.graphiql) return {};

  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' || !url.pathname.startsWith(ASSETS)) return;

      assets ??= loadAssets();
      const asset = (await assets).get(url.pathname.slice(ASSETS.length));
      if (!asset) return endResponse(new Response('Not found', { status: 404 }));
      endResponse(
        new Response(asset.body, {
          headers: {
            'content-type': asset.type,
            'cache-control': 'public, max-age=3600',
            'x-content-type-options': 'nosniff',
          },
        }),
      );
    },
    onResponse({ request, response }) {
      const type = response.headers.get('content-type') ?? '';
      if (!type.startsWith('text/html') || new URL(request.url).pathname !== '/graphql') return;
      response.headers.set('content-security-policy', GRAPHIQL_CSP);
      response.headers.set('x-frame-options', 'DENY');
      response.headers.set('cache-control', 'no-store');
    },
  };
}
