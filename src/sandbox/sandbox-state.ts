import { FaultQueue } from './faults.js';
import { ListPages } from './list-pages.js';
import { MeetingStore } from './meeting-store.js';
import { TokenStore } from './token-store.js';
import { type SandboxLog, WebhookSender, type WebhookTarget } from './webhooks.js';
import { ZoomUsers } from './zoom-users.js';

/** A registered OAuth app. */
export interface SandboxClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

/** Counters since start, as `GET /_sandbox/stats` reports them (calls received, not successes). */
export interface SandboxCounters {
  tokenExchanges: number;
  refreshes: number;
  revokes: number;
  apiCalls: number;
  /** The most `/v2` calls that were being answered at one time. */
  maxConcurrentApiCalls: number;
}

/** What one running sandbox knows; routes read and change it. */
export class SandboxState {
  readonly users: ZoomUsers;
  readonly tokens: TokenStore;
  readonly meetings = new MeetingStore();
  readonly pages: ListPages;
  readonly faults = new FaultQueue();
  readonly webhooks: WebhookSender;
  readonly counters: SandboxCounters = {
    tokenExchanges: 0,
    refreshes: 0,
    revokes: 0,
    apiCalls: 0,
    maxConcurrentApiCalls: 0,
  };
  /** `/v2` calls being answered now. */
  apiCallsInFlight = 0;

  constructor(
    readonly url: string,
    readonly clients: readonly SandboxClient[],
    readonly now: () => number,
    tokenTtlSeconds: number,
    webhook: WebhookTarget | undefined,
    readonly log: SandboxLog,
  ) {
    this.users = new ZoomUsers(now);
    this.tokens = new TokenStore(now, tokenTtlSeconds);
    this.pages = new ListPages(now);
    this.webhooks = new WebhookSender(webhook, log);
  }

  /** The registered app with this id. */
  client(clientId: string | null | undefined): SandboxClient | undefined {
    return this.clients.find((client) => client.clientId === clientId);
  }

  /** The counters plus the number of meetings that exist now. */
  stats(): SandboxCounters & { meetings: number } {
    return { ...this.counters, meetings: this.meetings.size };
  }
}
