import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedZoomUserStore } from '../../src/store/embedded.js';
import { MongoZoomUserStore } from '../../src/store/mongo.js';
import type { ZoomUserStore } from '../../src/store/types.js';

/** The fields of a `zoomUsers` document, sorted: exactly these, no more. */
export const DOCUMENT_FIELDS = [
  '_createdDate',
  '_id',
  '_updatedDate',
  'access_token',
  'expires_in',
  'refresh_token',
  'scope',
  'token_type',
  'userEmail',
];

/** One store implementation the contract suite runs against. */
export interface StoreUnderTest {
  name: string;
  /** Why this store cannot run here; undefined when it can. */
  skip?: string;
  open(): Promise<{ store: ZoomUserStore; dispose(): Promise<void> }>;
}

async function embedded() {
  const dir = await mkdtemp(join(tmpdir(), 'store-'));
  const store = await EmbeddedZoomUserStore.open({ dataDir: dir });
  return {
    store,
    async dispose() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * MongoDB when one can be had: `MONGODB_URI`, or a `mongod` started by mongodb-memory-server
 * from `MONGOMS_SYSTEM_BINARY`. Each run uses a database of its own.
 */
async function mongo() {
  let uri = process.env.MONGODB_URI;
  let stop = async () => {};
  if (!uri) {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    const server = await MongoMemoryServer.create({
      binary: { systemBinary: process.env.MONGOMS_SYSTEM_BINARY },
    });
    uri = server.getUri();
    stop = async () => {
      await server.stop();
    };
  }
  const store = await MongoZoomUserStore.open({ uri, db: `contract_${randomUUID().slice(0, 8)}` });
  return {
    store,
    async dispose() {
      await store.close();
      await stop();
    },
  };
}

const mongoSkip =
  process.env.MONGODB_URI || process.env.MONGOMS_SYSTEM_BINARY
    ? undefined
    : 'MongoDB store skipped: set MONGODB_URI, or MONGOMS_SYSTEM_BINARY to a mongod binary';

/** Every store the gateway ships. */
export const STORES: StoreUnderTest[] = [
  { name: 'embedded (nedb)', open: embedded },
  { name: 'MongoDB', open: mongo, skip: mongoSkip },
];
