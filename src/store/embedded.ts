import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import nedb from '@seald-io/nedb';
import { StoreUnavailableError } from '../errors.js';
import {
  normalizeEmail,
  type StoredConnection,
  type StoredTokens,
  toConnection,
  tokenFields,
  type ZoomIdentity,
  type ZoomUserDocument,
  type ZoomUserStore,
} from './types.js';

/** Options of the embedded store; `dataDir` null keeps everything in memory (tests). */
export interface EmbeddedStoreOptions {
  dataDir: string | null;
}

type Document = Omit<ZoomUserDocument, '_id'>;
interface Lease {
  _id: string;
  holder: string;
  expiresAt: Date;
}
interface UsedValue {
  _id: string;
  expiresAt: Date;
}
type IdentityDocument = Omit<ZoomIdentity, 'userEmail'> & { _id: string };

// The package's typings declare an ES default export, but at run time it is CommonJS.
type Datastore<T> = nedb.default<T>;
const Datastore = nedb as unknown as typeof nedb.default;

/**
 * The default store: nedb files under `DATA_DIR`, one process. Good for development and a
 * single small instance; several gateway processes need MongoDB.
 */
export class EmbeddedZoomUserStore implements ZoomUserStore {
  private readonly users: Datastore<Document>;
  private readonly leases: Datastore<Lease>;
  private readonly used: Datastore<UsedValue>;
  private readonly identities: Datastore<IdentityDocument>;

  private constructor(
    users: Datastore<Document>,
    leases: Datastore<Lease>,
    used: Datastore<UsedValue>,
    identities: Datastore<IdentityDocument>,
  ) {
    this.users = users;
    this.leases = leases;
    this.used = used;
    this.identities = identities;
  }

  /** Opens (or creates) the data files and the unique index on `userEmail`. */
  static async open(options: EmbeddedStoreOptions): Promise<EmbeddedZoomUserStore> {
    if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
    const open = async <T>(name: string) => {
      const filename = options.dataDir ? join(options.dataDir, `${name}.db`) : undefined;
      const store = new Datastore<T>(filename ? { filename } : { inMemoryOnly: true });
      await store.loadDatabaseAsync();
      return store;
    };
    const users = await open<Document>('zoomUsers');
    await users.ensureIndexAsync({ fieldName: 'userEmail', unique: true });
    const leases = await open<Lease>('refreshLeases');
    const used = await open<UsedValue>('usedStates');
    await used.ensureIndexAsync({ fieldName: 'expiresAt', expireAfterSeconds: 0 });
    const identities = await open<IdentityDocument>('zoomIdentities');
    await identities.ensureIndexAsync({ fieldName: 'zoomUserId' });
    return new EmbeddedZoomUserStore(users, leases, used, identities);
  }

  async find(userEmail: string): Promise<StoredConnection | null> {
    const doc = await this.users.findOneAsync({ userEmail: normalizeEmail(userEmail) });
    return doc ? toConnection(doc as ZoomUserDocument) : null;
  }

  async save(userEmail: string, tokens: StoredTokens): Promise<StoredConnection> {
    const email = normalizeEmail(userEmail);
    const now = new Date();
    const update = async () => {
      const { affectedDocuments } = await this.users.updateAsync(
        { userEmail: email },
        { $set: tokenFields(tokens, now) },
        { returnUpdatedDocs: true },
      );
      return affectedDocuments ? toConnection(affectedDocuments as ZoomUserDocument) : null;
    };

    const updated = await update();
    if (updated) return updated;
    try {
      const doc = await this.users.insertAsync({
        userEmail: email,
        ...tokenFields(tokens, now),
        _createdDate: now,
      });
      return toConnection(doc as ZoomUserDocument);
    } catch (error) {
      // Another first write for this member won the unique index; update what it wrote.
      if ((error as { errorType?: string }).errorType !== 'uniqueViolated') throw error;
      const raced = await update();
      if (!raced) throw error;
      return raced;
    }
  }

  async replaceTokens(
    userEmail: string,
    previousRefreshToken: string,
    tokens: StoredTokens,
  ): Promise<StoredConnection | null> {
    const { affectedDocuments } = await this.users.updateAsync(
      { userEmail: normalizeEmail(userEmail), refresh_token: previousRefreshToken },
      { $set: tokenFields(tokens, new Date()) },
      { returnUpdatedDocs: true },
    );
    return affectedDocuments ? toConnection(affectedDocuments as ZoomUserDocument) : null;
  }

  async document(userEmail: string): Promise<ZoomUserDocument | null> {
    const doc = await this.users.findOneAsync({ userEmail: normalizeEmail(userEmail) });
    return (doc as ZoomUserDocument | null) ?? null;
  }

  async remove(userEmail: string): Promise<boolean> {
    const email = normalizeEmail(userEmail);
    const removed = await this.users.removeAsync({ userEmail: email }, {});
    await this.identities.removeAsync({ _id: email }, {});
    return removed > 0;
  }

  async saveZoomIdentity(identity: ZoomIdentity): Promise<void> {
    const { userEmail, ...rest } = identity;
    const _id = normalizeEmail(userEmail);
    await this.identities.updateAsync({ _id }, { _id, ...rest }, { upsert: true });
  }

  async forgetZoomIdentity(userEmail: string): Promise<void> {
    await this.identities.removeAsync({ _id: normalizeEmail(userEmail) }, {});
  }

  async zoomIdentity(userEmail: string): Promise<ZoomIdentity | null> {
    const doc = await this.identities.findOneAsync({ _id: normalizeEmail(userEmail) });
    if (!doc) return null;
    const { _id, ...rest } = doc;
    return { userEmail: _id, ...rest };
  }

  async membersOfZoomUser(zoomUserId: string): Promise<string[]> {
    const docs = await this.identities.findAsync({ zoomUserId });
    return docs.map((doc) => doc._id).sort();
  }

  async acquireLease(key: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + ttlMs);
    // Each call below is atomic in nedb; taking over an expired lease and creating a new one
    // are two separate steps so that two callers can never both win.
    const { numAffected } = await this.leases.updateAsync(
      { _id: key, expiresAt: { $lte: now } },
      { $set: { holder, expiresAt } },
      {},
    );
    if (numAffected === 1) return true;
    try {
      await this.leases.insertAsync({ _id: key, holder, expiresAt });
      return true;
    } catch (error) {
      if ((error as { errorType?: string }).errorType === 'uniqueViolated') return false;
      throw error;
    }
  }

  async releaseLease(key: string, holder: string): Promise<void> {
    await this.leases.removeAsync({ _id: key, holder }, {});
  }

  async consumeOnce(value: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.used.insertAsync({ _id: value, expiresAt });
      return true;
    } catch (error) {
      if ((error as { errorType?: string }).errorType === 'uniqueViolated') return false;
      throw error;
    }
  }

  async releaseOnce(value: string): Promise<void> {
    await this.used.removeAsync({ _id: value }, {});
  }

  async ping(): Promise<void> {
    try {
      await this.users.countAsync({});
    } catch {
      throw new StoreUnavailableError();
    }
  }

  async close(): Promise<void> {
    const all = [this.users, this.leases, this.used, this.identities];
    await Promise.all(all.map((store) => store.compactDatafileAsync()));
  }
}
