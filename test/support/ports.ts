import { createServer } from 'node:net';

/**
 * A loopback port that was free a moment ago: for a server a test starts itself, or as a
 * port where nothing listens.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
