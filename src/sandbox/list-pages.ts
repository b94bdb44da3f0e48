import { randomToken } from './random-ids.js';

const PAGE_TOKEN_TTL_MS = 15 * 60_000;

/** Where a listing goes on: the meeting ids it found at its first page, and the next index. */
export interface PageCursor {
  userId: string;
  ids: readonly string[];
  offset: number;
}

/** `next_page_token` values; like Zoom's they can be reused until they expire 15 minutes on. */
export class ListPages {
  private readonly cursors = new Map<string, PageCursor & { expiresAt: number }>();

  constructor(private readonly now: () => number) {}

  /** A token that resumes `ids` at `offset` for this user. */
  issue(cursor: PageCursor): string {
    this.prune();

    const token = randomToken(24);
    this.cursors.set(token, { ...cursor, expiresAt: this.now() + PAGE_TOKEN_TTL_MS });
    return token;
  }

  /** The cursor behind a token, unless it expired or belongs to another user. */
  resume(token: string, userId: string): PageCursor | undefined {
    const cursor = this.cursors.get(token);
    if (!cursor || cursor.userId !== userId || this.now() >= cursor.expiresAt) return undefined;
    return cursor;
  }

  private prune(): void {
    const now = this.now();
    for (const [token, cursor] of this.cursors) {
      if (now >= cursor.expiresAt) this.cursors.delete(token);
    }
  }
}
