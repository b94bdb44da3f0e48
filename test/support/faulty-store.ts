import { StoreUnavailableError } from '../../src/errors.js';
import type { StoredTokens, ZoomIdentity, ZoomUserStore } from '../../src/store/types.js';

/**
 * A real store behind a switch: `down` makes every call fail as an unreachable database
 * does, and `failWrites(n)` fails the next n token writes. For outage and retry tests.
 */
export class FaultyStore implements ZoomUserStore {
  down = false;
  /** How many times a connection was read. */
  finds = 0;
  /** Thrown by the next read: an error the gateway did not expect. */
  breakNextFind: Error | undefined;
  private writeFailures = 0;
  readonly inner: ZoomUserStore;

  constructor(inner: ZoomUserStore) {
    this.inner = inner;
  }

  failWrites(count: number): void {
    this.writeFailures = count;
  }

  private check(): void {
    if (this.down) throw new StoreUnavailableError();
  }

  async find(userEmail: string) {
    this.check();
    this.finds++;
    const broken = this.breakNextFind;
    this.breakNextFind = undefined;
    if (broken) throw broken;
    return this.inner.find(userEmail);
  }
  async save(userEmail: string, tokens: StoredTokens) {
    this.check();
    return this.inner.save(userEmail, tokens);
  }
  async replaceTokens(userEmail: string, previous: string, tokens: StoredTokens) {
    this.check();
    if (this.writeFailures > 0) {
      this.writeFailures--;
      throw new StoreUnavailableError();
    }
    return this.inner.replaceTokens(userEmail, previous, tokens);
  }
  async document(userEmail: string) {
    return this.inner.document(userEmail);
  }
  async remove(userEmail: string) {
    this.check();
    return this.inner.remove(userEmail);
  }
  async saveZoomIdentity(identity: ZoomIdentity) {
    this.check();
    return this.inner.saveZoomIdentity(identity);
  }
  async forgetZoomIdentity(userEmail: string) {
    this.check();
    return this.inner.forgetZoomIdentity(userEmail);
  }
  async zoomIdentity(userEmail: string) {
    this.check();
    return this.inner.zoomIdentity(userEmail);
  }
  async membersOfZoomUser(zoomUserId: string) {
    this.check();
    return this.inner.membersOfZoomUser(zoomUserId);
  }
  async acquireLease(key: string, holder: string, ttlMs: number) {
    this.check();
    return this.inner.acquireLease(key, holder, ttlMs);
  }
  async releaseLease(key: string, holder: string) {
    this.check();
    return this.inner.releaseLease(key, holder);
  }
  async consumeOnce(value: string, expiresAt: Date) {
    this.check();
    return this.inner.consumeOnce(value, expiresAt);
  }
  async releaseOnce(value: string) {
    this.check();
    return this.inner.releaseOnce(value);
  }
  async ping() {
    this.check();
    return this.inner.ping();
  }
  async close() {
    return this.inner.close();
  }
}
