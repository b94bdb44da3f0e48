import type { Config } from '../config.js';
import { EmbeddedZoomUserStore } from './embedded.js';
import type { ZoomUserStore } from './types.js';

export type { StoredConnection, StoredTokens, ZoomUserDocument, ZoomUserStore } from './types.js';

/** Opens the store the configuration names: MongoDB when `MONGODB_URI` is set, else nedb. */
export async function openStore(config: Config): Promise<ZoomUserStore> {
  if (config.mongo) {
    const { MongoZoomUserStore } = await import('./mongo.js');
    return MongoZoomUserStore.open(config.mongo);
  }
  return EmbeddedZoomUserStore.open({ dataDir: config.dataDir });
}
