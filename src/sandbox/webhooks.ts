import { createHmac } from 'node:crypto';
import { writeJson } from './json-codec.js';
import type { ZoomUser } from './zoom-users.js';

/** Where signed webhooks go, and the app's secret token that signs them. */
export interface WebhookTarget {
  url: string;
  secretToken: string;
}

/** Logs without tokens, codes or secrets. */
export type SandboxLog = (message: string, fields?: Record<string, unknown>) => void;

const DELIVERY_TIMEOUT_MS = 10_000;

/** Zoom's signature header value: `v0=` and the hex HMAC-SHA256 of `v0:{ts}:{body}`. */
export function signWebhook(secretToken: string, timestamp: string, body: string): string {
  const digest = createHmac('sha256', secretToken).update(`v0:${timestamp}:${body}`).digest('hex');
  return `v0=${digest}`;
}

/** Posts signed events, fire and forget: a failed delivery is logged and not retried. */
export class WebhookSender {
  constructor(
    public target: WebhookTarget | undefined,
    private readonly log: SandboxLog,
  ) {}

  /** Sends a meeting event in Zoom's envelope, naming `host` as the operator. */
  meetingEvent(
    event: string,
    host: ZoomUser,
    object: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ): void {
    this.send(event, {
      account_id: host.accountId,
      operator: host.email,
      operator_id: host.id,
      ...extra,
      object,
    });
  }

  /** Sends any event, signed with the target's secret token. */
  send(event: string, payload: Record<string, unknown>): void {
    const target = this.target;
    if (!target) return;

    // The receiver checks the timestamp for freshness, so it follows real time even when a
    // test moves the sandbox's own clock.
    const sentAt = Date.now();
    const body = writeJson({ event, event_ts: sentAt, payload });
    const timestamp = String(Math.floor(sentAt / 1000));
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Zoom Marketplace/1.0a',
      'x-zm-request-timestamp': timestamp,
      'x-zm-signature': signWebhook(target.secretToken, timestamp, body),
    };

    fetch(target.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    })
      .then(async (response) => {
        await response.arrayBuffer();
        if (!response.ok) this.log('webhook refused', { event, status: response.status });
      })
      .catch((error: unknown) => {
        this.log('webhook failed', {
          event,
          error: error instanceof Error ? error.message : error,
        });
      });
  }
}
