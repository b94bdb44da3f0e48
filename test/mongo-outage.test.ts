import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MongoZoomUserStore } from '../src/store/mongo.js';

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe('the MongoDB store without a reachable server', () => {
  it('opens anyway and fails each call with STORE_UNAVAILABLE', async () => {
    const uri = `mongodb://127.0.0.1:${await closedPort()}/?directConnection=true`;
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
