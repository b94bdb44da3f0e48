import { signWebhook } from '../../src/sandbox/index.js';

/** Zoom's signature headers for a body, signed now unless another timestamp is given. */
export function zoomSignature(
  secret: string,
  body: string,
  timestamp = String(Math.floor(Date.now() / 1000)),
): Record<string, string> {
  return {
    'x-zm-request-timestamp': timestamp,
    'x-zm-signature': signWebhook(secret, timestamp, body),
  };
}

/** Posts a webhook to a gateway as Zoom would, signed with `secret`. */
export function postWebhook(gatewayUrl: string, secret: string, body: string): Promise<Response> {
  return fetch(`${gatewayUrl}/webhooks/zoom`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...zoomSignature(secret, body) },
    body,
  });
}
