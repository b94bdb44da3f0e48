import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { freePort } from './ports.js';

/** Where a Redis server can come from, or why none can. */
export const REDIS_BINARY = '/usr/bin/redis-server';
export const redisSkip =
  process.env.REDIS_URL || existsSync(REDIS_BINARY)
    ? undefined
    : `Redis tests skipped: set REDIS_URL, or install redis-server (${REDIS_BINARY})`;

/** `REDIS_URL`, or a throwaway redis-server on a free loopback port, without persistence. */
export async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => {} };

  const port = await freePort();
  const child: ChildProcess = spawn(
    REDIS_BINARY,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  probe.on('error', () => {});
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch {
      probe.disconnect();
      await sleep(100);
    }
  }
  probe.disconnect();
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
    },
  };
}
