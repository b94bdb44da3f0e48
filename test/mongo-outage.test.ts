import { describe, expect, it } from 'vitest';
import { MongoZoomUserStore } from '../src/store/mongo.js';
import { freePort } from './support/ports.js';

describe('the MongoDB store without a reachable server', () => {
  it('opens anyway and fails each call with STORE_UNAVAILABLE', async () => {
    const uri = `mongodb://127.0.0.1:${await freePort()}/?directConnection=true`;
    const store = await MongoZoomUserStore.open({
      uri,
      db: 'outage',
      serverSelectionTimeoutMS: 300,
    });

    await expect(store.ping()).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      retryable: true,
    });
    await expect(store.find('a@example.com')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(store.acquireLease('k', 'h', 1000)).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
    await store.close();
  });
});
