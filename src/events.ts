import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** A meeting event from Zoom, normalised: ids as strings whatever Zoom sent. */
export interface MeetingEvent {
  /** Zoom's event name, e.g. `meeting.started`. */
  event: string;
  meetingId: string;
  uuid: string | null;
  hostId: string | null;
  topic: string | null;
  /** ISO 8601, from Zoom's `event_ts`; text so that it crosses Redis unchanged. */
  occurredAt: string;
  /** Zoom's `payload.object`, for what the fields leave out. */
  object: Record<string, unknown>;
}

/** The gateway's event bus: what subscriptions listen to. */
export type EventBus = PubSub<{ meetingEvent: [MeetingEvent] }>;

/** An in-process bus, or one shared through Redis when `redisUrl` is set. */
export function createEventBus(
  redisUrl: string | undefined,
  log: Logger,
): {
  bus: EventBus;
  close(): Promise<void>;
} {
  if (!redisUrl) return { bus: createPubSub(), close: async () => {} };

  const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false });
  for (const client of [publishClient, subscribeClient]) {
    client.on('error', (error: Error) => log.warn({ err: error.message }, 'redis event bus error'));
  }
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  return {
    bus: createPubSub<{ meetingEvent: [MeetingEvent] }>({ eventTarget }),
    async close() {
      // QUIT lets commands already sent (a subscriber's UNSUBSCRIBE) finish first.
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
