import { int64 } from './json-codec.js';
import { randomDigits, zoomUserId } from './random-ids.js';
import { formatUtc } from './zoned-time.js';

/** A Zoom user of the sandbox; each one is an account of its own. */
export interface ZoomUser {
  id: string;
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
  pmi: string;
  timezone: string;
  createdAt: number;
}

const EMAIL = /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/;

/** True for something that looks like an email address, enough to name a Zoom user. */
export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

/** Every Zoom user starts in this timezone, so local start times are not read as UTC. */
export const USER_TIMEZONE = 'America/Los_Angeles';

/** The Zoom users the sandbox knows, found by id or (case-insensitive) email. */
export class ZoomUsers {
  private readonly byEmailKey = new Map<string, ZoomUser>();
  private readonly byIdKey = new Map<string, ZoomUser>();
  private offered = 0;

  constructor(private readonly now: () => number) {}

  byEmail(email: string): ZoomUser | undefined {
    return this.byEmailKey.get(email.trim().toLowerCase());
  }

  byId(id: string): ZoomUser | undefined {
    return this.byIdKey.get(id);
  }

  /** The user an email signs in as; an address not seen before creates that user. */
  signIn(email: string): ZoomUser {
    const known = this.byEmail(email);
    if (known) return known;

    const address = email.trim().toLowerCase();
    const [first = 'Zoom', ...rest] = nameParts(address);
    const user: ZoomUser = {
      id: zoomUserId(),
      accountId: zoomUserId(),
      email: address,
      firstName: first,
      lastName: rest.join(' '),
      pmi: randomDigits(10),
      timezone: USER_TIMEZONE,
      createdAt: this.now(),
    };
    this.byEmailKey.set(address, user);
    this.byIdKey.set(user.id, user);
    return user;
  }

  /** An address no user has, different on every call, to prefill the consent page. */
  freshEmail(): string {
    for (;;) {
      this.offered += 1;
      const email = `zoom.user.${this.offered}@sandbox.zoom.test`;
      if (!this.byEmail(email)) return email;
    }
  }
}

function nameParts(email: string): string[] {
  const local = email.split('@')[0] ?? '';
  return local
    .split(/[._+-]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1));
}

/** Whether `userId` (a path parameter) names this user: `me`, its id or its email. */
export function isSelf(user: ZoomUser, userId: string): boolean {
  return userId === 'me' || userId === user.id || userId.toLowerCase() === user.email;
}

/** The user as `GET /v2/users/me` returns it. */
export function userView(user: ZoomUser): Record<string, unknown> {
  const created = formatUtc(user.createdAt);
  return {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    display_name: [user.firstName, user.lastName].filter(Boolean).join(' '),
    email: user.email,
    type: 1,
    role_name: 'Owner',
    pmi: int64(user.pmi),
    use_pmi: false,
    personal_meeting_url: `https://sandbox.zoom.test/j/${user.pmi}`,
    timezone: user.timezone,
    verified: 1,
    dept: '',
    created_at: created,
    user_created_at: created,
    last_login_time: created,
    language: 'en-US',
    phone_number: '',
    status: 'active',
    role_id: '0',
    account_id: user.accountId,
    account_number: int64(user.pmi.slice(0, 9)),
    cluster: 'us05',
    login_types: [100],
    group_ids: [],
    im_group_ids: [],
  };
}
