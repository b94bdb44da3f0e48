import { type Collection, MongoClient, MongoServerError, ObjectId } from 'mongodb';
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

/** Where the MongoDB store connects. */
export interface MongoStoreOptions {
  uri: string;
  db: string;
  /** How long an operation waits for a reachable server before STORE_UNAVAILABLE; default 2 s. */
  serverSelectionTimeoutMS?: number;
}

type MongoDocument = Omit<ZoomUserDocument, '_id'> & { _id: ObjectId };
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

const DUPLICATE_KEY = 11000;

const isDuplicate = (error: unknown) =>
  error instanceof MongoServerError && error.code === DUPLICATE_KEY;

function fromMongo(doc: MongoDocument): StoredConnection {
  return toConnection({ ...doc, _id: doc._id.toHexString() });
}

/**
 * The production store: `zoomUsers` in `MONGODB_DB`, unique on `userEmail`, with the refresh
 * leases and used OAuth states in collections of their own (TTL-indexed). The driver
 * reconnects by itself after an outage; until then every call fails with STORE_UNAVAILABLE.
 */
export class MongoZoomUserStore implements ZoomUserStore {
  private readonly client: MongoClient;
  private readonly users: Collection<MongoDocument>;
  private readonly leases: Collection<Lease>;
  private readonly used: Collection<UsedValue>;
  private readonly identities: Collection<IdentityDocument>;
  private indexes: Promise<void> | undefined;

  private constructor(client: MongoClient, db: string) {
    this.client = client;
    const database = client.db(db);
    this.users = database.collection<MongoDocument>('zoomUsers');
    this.leases = database.collection<Lease>('refreshLeases');
    this.used = database.collection<UsedValue>('usedStates');
    this.identities = database.collection<IdentityDocument>('zoomIdentities');
  }

  /** Connects and creates the indexes; a store that is down at start is retried on each call. */
  static async open(options: MongoStoreOptions): Promise<MongoZoomUserStore> {
    const client = new MongoClient(options.uri, {
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 2000,
    });
    const store = new MongoZoomUserStore(client, options.db);
    await store.ready().catch(() => undefined);
    return store;
  }

  /** Creates the indexes once; after a failure the next call tries again. */
  private ready(): Promise<void> {
    this.indexes ??= Promise.all([
      this.users.createIndex({ userEmail: 1 }, { unique: true }),
      this.leases.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 }),
      this.used.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 }),
      this.identities.createIndex({ zoomUserId: 1 }),
    ]).then(
      () => undefined,
      (error: unknown) => {
        this.indexes = undefined;
        throw error;
      },
    );
    return this.indexes;
  }

  /** Runs a driver call, turning "cannot reach the server" into STORE_UNAVAILABLE. */
  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      await this.ready();
      return await operation();
    } catch (error) {
      if (error instanceof MongoServerError) throw error;
      throw new StoreUnavailableError();
    }
  }

  async find(userEmail: string): Promise<StoredConnection | null> {
    const doc = await this.call(() => this.users.findOne({ userEmail: normalizeEmail(userEmail) }));
    return doc ? fromMongo(doc) : null;
  }

  async save(userEmail: string, tokens: StoredTokens): Promise<StoredConnection> {
    const email = normalizeEmail(userEmail);
    const now = new Date();
    const write = () =>
      this.users.findOneAndUpdate(
        { userEmail: email },
        {
          $set: tokenFields(tokens, now),
          $setOnInsert: { _id: new ObjectId(), userEmail: email, _createdDate: now },
        },
        { upsert: true, returnDocument: 'after' },
      );

    let doc: MongoDocument | null;
    try {
      doc = await this.call(write);
    } catch (error) {
      // Two first writes for one member race on the unique index; the loser updates instead.
      if (!isDuplicate(error)) throw error;
      doc = await this.call(write);
    }
    if (!doc) throw new StoreUnavailableError();
    return fromMongo(doc);
  }

  async replaceTokens(
    userEmail: string,
    previousRefreshToken: string,
    tokens: StoredTokens,
  ): Promise<StoredConnection | null> {
    const doc = await this.call(() =>
      this.users.findOneAndUpdate(
        { userEmail: normalizeEmail(userEmail), refresh_token: previousRefreshToken },
        { $set: tokenFields(tokens, new Date()) },
        { returnDocument: 'after' },
      ),
    );
    return doc ? fromMongo(doc) : null;
  }

  async document(userEmail: string): Promise<ZoomUserDocument | null> {
    const doc = await this.call(() => this.users.findOne({ userEmail: normalizeEmail(userEmail) }));
    return doc ? { ...doc, _id: doc._id.toHexString() } : null;
  }

  async remove(userEmail: string): Promise<boolean> {
    const email = normalizeEmail(userEmail);
    const result = await this.call(() => this.users.deleteOne({ userEmail: email }));
    await this.call(() => this.identities.deleteOne({ _id: email }));
    return result.deletedCount > 0;
  }

  async saveZoomIdentity(identity: ZoomIdentity): Promise<void> {
    const { userEmail, ...rest } = identity;
    await this.call(() =>
      this.identities.replaceOne({ _id: normalizeEmail(userEmail) }, rest, { upsert: true }),
    );
  }

  async forgetZoomIdentity(userEmail: string): Promise<void> {
    await this.call(() => this.identities.deleteOne({ _id: normalizeEmail(userEmail) }));
  }

  async zoomIdentity(userEmail: string): Promise<ZoomIdentity | null> {
    const doc = await this.call(() => this.identities.findOne({ _id: normalizeEmail(userEmail) }));
    if (!doc) return null;
    const { _id, ...rest } = doc;
    return { userEmail: _id, ...rest };
  }

  async membersOfZoomUser(zoomUserId: string): Promise<string[]> {
    const docs = await this.call(() => this.identities.find({ zoomUserId }).toArray());
    return docs.map((doc) => doc._id).sort();
  }

  async acquireLease(key: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = new Date();
    try {
      // Matches only a lease that has run out; when one is live, the upsert's insert hits the
      // unique _id and fails, which is how a held lease is told apart.
      await this.call(() =>
        this.leases.updateOne(
          { _id: key, expiresAt: { $lte: now } },
          { $set: { holder, expiresAt: new Date(now.getTime() + ttlMs) } },
          { upsert: true },
        ),
      );
      return true;
    } catch (error) {
      if (isDuplicate(error)) return false;
      throw error;
    }
  }

  async releaseLease(key: string, holder: string): Promise<void> {
    await this.call(() => this.leases.deleteOne({ _id: key, holder }));
  }

  async consumeOnce(value: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.call(() => this.used.insertOne({ _id: value, expiresAt }));
      return true;
    } catch (error) {
      if (isDuplicate(error)) return false;
      throw error;
    }
  }

  async releaseOnce(value: string): Promise<void> {
    await this.call(() => this.used.deleteOne({ _id: value }));
  }

  async ping(): Promise<void> {
    await this.call(() => this.client.db('admin').command({ ping: 1 }));
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
