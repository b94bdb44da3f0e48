import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { EventBus, MeetingEvent } from '../events.js';
import { memberTag } from '../logger.js';
import type { ZoomUserStore } from '../store/index.js';
import { idString, parseZoomJson } from './zoom-json.js';

/** Zoom signs each delivery; an older timestamp than this is a replay. */
const MAX_AGE_SECONDS = 300;
/** Zoom's events are a few kilobytes; anything far larger is not Zoom. */
const MAX_BODY_BYTES = 256 * 1024;
/** Zoom retries a delivery for up to about 90 minutes; seen events are remembered a day. */
const SEEN_FOR_MS = 24 * 3600 * 1000;

interface Envelope {
  event?: unknown;
  event_ts?: unknown;
  payload?: { plainToken?: unknown; user_id?: unknown; object?: Record<string, unknown> };
}

const hmacHex = (secret: string, text: string) =>
  createHmac('sha256', secret).update(text).digest('hex');

const reply = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
  });

/** The body's bytes, or null as soon as it passes `max` (a chunked body has no length to check). */
async function readLimited(request: Request, max: number): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
}

/** Whether `signature` is Zoom's `v0=` HMAC of this timestamp and raw body, compared in constant time. */
export function isSignedByZoom(secret: string, timestamp: string, raw: Buffer, signature: string) {
  const expected = Buffer.from(`v0=${hmacHex(secret, `v0:${timestamp}:${raw.toString('utf8')}`)}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `POST /webhooks/zoom`: checks Zoom's signature over the raw bytes and the freshness of its
 * timestamp, answers the URL validation challenge, acknowledges at once (Zoom waits 3 s at
 * most) and processes afterwards, dropping deliveries it has already seen.
 */
export class WebhookReceiver {
  constructor(
    private readonly secretToken: string,
    private readonly store: ZoomUserStore,
    private readonly bus: EventBus,
    private readonly log: Logger,
  ) {}

  async handle(request: Request): Promise<Response> {
    // Everything that can be checked before reading the body is checked first.
    const timestamp = request.headers.get('x-zm-request-timestamp') ?? '';
    const signature = request.headers.get('x-zm-signature') ?? '';
    const age = Math.abs(Date.now() / 1000 - Number(timestamp));
    if (!/^\d{1,12}$/.test(timestamp) || !(age <= MAX_AGE_SECONDS)) {
      return this.refuse('stale or missing timestamp');
    }
    if (!/^v0=[0-9a-f]{64}$/.test(signature)) return this.refuse('bad signature');
    const length = Number(request.headers.get('content-length') ?? 0);
    if (length > MAX_BODY_BYTES) return reply(413, { error: 'body too large' });
    const raw = await readLimited(request, MAX_BODY_BYTES);
    if (!raw) return reply(413, { error: 'body too large' });

    if (!isSignedByZoom(this.secretToken, timestamp, raw, signature)) {
      return this.refuse('bad signature');
    }

    let envelope: Envelope;
    try {
      envelope = parseZoomJson(raw.toString('utf8')) as Envelope;
    } catch {
      return reply(400, { error: 'body is not JSON' });
    }
    if (envelope.event === 'endpoint.url_validation') {
      const plainToken = String(envelope.payload?.plainToken ?? '');
      return reply(200, { plainToken, encryptedToken: hmacHex(this.secretToken, plainToken) });
    }

    const digest = createHash('sha256').update(raw).digest('hex');
    setImmediate(() => {
      this.process(envelope, digest).catch((error: unknown) => {
        this.log.error({ err: error, event: envelope.event }, 'webhook processing failed');
      });
    });
    return reply(204);
  }

  private refuse(reason: string): Response {
    this.log.warn({ reason }, 'webhook refused');
    return reply(401, { error: 'unauthorized' });
  }

  private async process(envelope: Envelope, digest: string): Promise<void> {
    const seenUntil = new Date(Date.now() + SEEN_FOR_MS);
    if (!(await this.store.consumeOnce(`webhook:${digest}`, seenUntil))) {
      this.log.debug({ event: envelope.event }, 'webhook already seen');
      return;
    }

    const event = String(envelope.event ?? '');
    if (event === 'app_deauthorized') return this.deauthorize(String(envelope.payload?.user_id));
    if (event.startsWith('meeting.')) this.publish(event, envelope);
  }

  /** The member revoked the app in Zoom: their tokens and data go, as Zoom requires. */
  private async deauthorize(zoomUserId: string): Promise<void> {
    const members = await this.store.membersOfZoomUser(zoomUserId);
    for (const member of members) {
      await this.store.remove(member);
      this.log.info({ member: memberTag(member) }, 'zoom app deauthorized; connection removed');
    }
  }

  private publish(event: string, envelope: Envelope): void {
    const object = envelope.payload?.object ?? {};
    const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
    const meetingEvent: MeetingEvent = {
      event,
      // Zoom sends the id as a number in some events and as a string in others.
      meetingId: idString(object.id),
      uuid: text(object.uuid),
      hostId: text(object.host_id),
      topic: text(object.topic),
      occurredAt: new Date(Number(envelope.event_ts) || Date.now()).toISOString(),
      object,
    };
    this.bus.publish('meetingEvent', meetingEvent);
  }
}
