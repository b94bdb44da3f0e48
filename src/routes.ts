import type { Plugin } from 'graphql-yoga';
import type { Config } from './config.js';
import type { ZoomUserStore } from './store/index.js';
import type { WebhookReceiver } from './zoom/webhooks.js';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });

/**
 * The gateway's plain HTTP routes beside `/graphql`: health for orchestrators, the page Zoom
 * sends the member back to, and Zoom's webhooks (404 while they are off).
 */
export function useRoutes(
  config: Config,
  store: ZoomUserStore,
  webhooks: WebhookReceiver | undefined,
): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname === '/webhooks/zoom') {
        if (!webhooks) return endResponse(json(404, { error: 'webhooks are not configured' }));
        if (request.method !== 'POST') return endResponse(json(405, { error: 'use POST' }));
        return endResponse(await webhooks.handle(request));
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') return;

      if (url.pathname === '/healthz') return endResponse(json(200, { status: 'ok' }));

      if (url.pathname === '/readyz') {
        const ready = await store.ping().then(
          () => true,
          () => false,
        );
        return endResponse(
          json(ready ? 200 : 503, { store: ready ? 'ok' : 'unavailable', zoom: 'configured' }),
        );
      }

      if (url.pathname === '/oauth/callback') {
        // The member's frontend finishes the connection with connectZoom, under its own login,
        // so the callback only hands `code` and `state` (or Zoom's `error`) over to it.
        const target = new URL(config.zoom.returnUrl);
        for (const name of ['code', 'state', 'error']) {
          const value = url.searchParams.get(name);
          if (value) target.searchParams.set(name, value);
        }
        return endResponse(
          new Response(null, {
            status: 302,
            headers: { location: target.toString(), 'cache-control': 'no-store' },
          }),
        );
      }
    },
  };
}
