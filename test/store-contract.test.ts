import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredTokens, ZoomUserStore } from '../src/store/types.js';
import { DOCUMENT_FIELDS, STORES } from './support/stores.js';

const tokens = (n: number): StoredTokens => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresIn: 3599,
  scope: 'meeting:read:meeting meeting:write:meeting',
  tokenType: 'bearer',
});

for (const candidate of STORES) {
  if (candidate.skip) {
    describe.skip(`${candidate.name} store contract`, () => {
      it(candidate.skip ?? 'skipped', () => {});
    });
    console.log(candidate.skip);
    continue;
  }

  describe(`${candidate.name} store contract`, () => {
    let store: ZoomUserStore;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ store, dispose } = await candidate.open());
    });
    afterAll(() => dispose?.());

    it('creates a connection and reads it back by email, whatever its case', async () => {
      const saved = await store.save('Ann@Example.COM', tokens(1));
      expect(saved).toMatchObject({ userEmail: 'ann@example.com', ...tokens(1) });
      const read = await store.find('  ANN@example.com ');
      expect(read).toEqual(saved);
      expect(read?.createdAt).toBeInstanceOf(Date);
      expect(read?.updatedAt.getTime()).toBe(read?.createdAt.getTime());
    });

    it('stores exactly the documented fields', async () => {
      await store.save('fields@example.com', tokens(2));
      const doc = await store.document('fields@example.com');
      expect(Object.keys(doc ?? {}).sort()).toEqual(DOCUMENT_FIELDS);
      expect(doc).toMatchObject({
        userEmail: 'fields@example.com',
        access_token: 'access-2',
        refresh_token: 'refresh-2',
        expires_in: 3599,
        scope: 'meeting:read:meeting meeting:write:meeting',
        token_type: 'bearer',
      });
      expect(doc?._createdDate).toBeInstanceOf(Date);
      expect(doc?._updatedDate).toBeInstanceOf(Date);
    });

    it('rotates tokens only from the refresh token it started from', async () => {
      const first = await store.save('rot@example.com', tokens(3));
      await sleep(5);
      const rotated = await store.replaceTokens('rot@example.com', 'refresh-3', tokens(4));
      expect(rotated).toMatchObject({ id: first.id, ...tokens(4) });
      expect(rotated?.createdAt).toEqual(first.createdAt);
      expect(rotated?.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());

      const stale = await store.replaceTokens('rot@example.com', 'refresh-3', tokens(5));
      expect(stale).toBeNull();
      expect(await store.find('rot@example.com')).toMatchObject(tokens(4));
    });

    it('keeps one document and its id when a member connects again', async () => {
      const first = await store.save('again@example.com', tokens(6));
      const second = await store.save('AGAIN@example.com', tokens(7));
      expect(second.id).toBe(first.id);
      expect(second.createdAt).toEqual(first.createdAt);
      expect(second).toMatchObject(tokens(7));
    });

    it('writes one document when first writes for a member race', async () => {
      const saves = await Promise.all(
        Array.from({ length: 10 }, (_, n) => store.save('race@example.com', tokens(10 + n))),
      );
      expect(new Set(saves.map((s) => s.id)).size).toBe(1);
      const doc = await store.find('race@example.com');
      expect(doc?.id).toBe(saves[0]?.id);
    });

    it('deletes a connection, and says when there was none', async () => {
      await store.save('gone@example.com', tokens(8));
      expect(await store.remove('GONE@example.com')).toBe(true);
      expect(await store.find('gone@example.com')).toBeNull();
      expect(await store.remove('gone@example.com')).toBe(false);
    });

    it('grants a lease to one holder at a time, released only by its holder', async () => {
      expect(await store.acquireLease('lease-a', 'holder-1', 10_000)).toBe(true);
      expect(await store.acquireLease('lease-a', 'holder-2', 10_000)).toBe(false);
      await store.releaseLease('lease-a', 'holder-2');
      expect(await store.acquireLease('lease-a', 'holder-3', 10_000)).toBe(false);
      await store.releaseLease('lease-a', 'holder-1');
      expect(await store.acquireLease('lease-a', 'holder-3', 10_000)).toBe(true);
    });

    it('lets an expired lease be taken, and its old holder cannot release the new one', async () => {
      expect(await store.acquireLease('lease-b', 'slow', 50)).toBe(true);
      await sleep(80);
      expect(await store.acquireLease('lease-b', 'next', 10_000)).toBe(true);
      await store.releaseLease('lease-b', 'slow');
      expect(await store.acquireLease('lease-b', 'third', 10_000)).toBe(false);
    });

    it('gives a contested lease to exactly one of many callers', async () => {
      const wins = await Promise.all(
        Array.from({ length: 20 }, (_, n) => store.acquireLease('lease-c', `h${n}`, 10_000)),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
    });

    it('accepts a one-use value once', async () => {
      const until = new Date(Date.now() + 60_000);
      expect(await store.consumeOnce('nonce-1', until)).toBe(true);
      expect(await store.consumeOnce('nonce-1', until)).toBe(false);
      expect(await store.consumeOnce('nonce-2', until)).toBe(true);
      await store.releaseOnce('nonce-1');
      expect(await store.consumeOnce('nonce-1', until)).toBe(true);
    });

    it('maps Zoom user ids to members, and forgets a member with their connection', async () => {
      await store.save('zid@example.com', tokens(20));
      await store.saveZoomIdentity({
        userEmail: 'ZID@example.com',
        zoomUserId: 'zoom-user-1',
        zoomEmail: 'zid.zoom@example.org',
        accountId: 'acct-1',
      });
      await store.saveZoomIdentity({
        userEmail: 'other@example.com',
        zoomUserId: 'zoom-user-1',
        zoomEmail: 'zid.zoom@example.org',
        accountId: null,
      });
      expect(await store.membersOfZoomUser('zoom-user-1')).toEqual([
        'other@example.com',
        'zid@example.com',
      ]);
      expect(await store.zoomIdentity('zid@example.com')).toEqual({
        userEmail: 'zid@example.com',
        zoomUserId: 'zoom-user-1',
        zoomEmail: 'zid.zoom@example.org',
        accountId: 'acct-1',
      });

      expect(await store.remove('zid@example.com')).toBe(true);
      expect(await store.zoomIdentity('zid@example.com')).toBeNull();
      expect(await store.membersOfZoomUser('zoom-user-1')).toEqual(['other@example.com']);
      expect(await store.membersOfZoomUser('nobody')).toEqual([]);
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
