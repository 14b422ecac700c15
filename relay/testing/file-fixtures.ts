// Per-file fixtures for node tests. Kept apart from harness.ts: these register node:test
// hooks, and the harness also serves Playwright.
import { before, after } from 'node:test';
import type { LocalRedis } from '../store/local-redis-server.ts';
import { connectRedis, type RelayRedis } from '../store/redis-client.ts';
import { createStores, type Stores } from '../store/stores.ts';
import { startTestRedis, startTestRelay, type TestRelay } from './harness.ts';
import { trackConnections } from './clients.ts';

/**
 * A real Redis with the relay's stores on it, for one test file: registers `before` and
 * `after` with node:test. Read `.stores` and `.redis` inside tests, once `before` has run.
 */
export function storesForFile(): { readonly stores: Stores; readonly redis: RelayRedis } {
  let server: LocalRedis;
  let redis: RelayRedis;
  let stores: Stores;
  before(async () => {
    server = await startTestRedis();
    redis = connectRedis(server.url);
    stores = createStores(redis, { sessionTtlSeconds: 3600, threadMaxMessages: 0 });
  });
  after(async () => {
    redis.disconnect();
    await server.stop();
  });
  return {
    get stores() {
      return stores;
    },
    get redis() {
      return redis;
    },
  };
}

/**
 * A real relay (with Redis and the demo clinic) for one test file, and a tracker that
 * closes every connection opened through it: registers `before` and `after` with node:test.
 */
export function relayForFile(): { readonly relay: TestRelay; readonly open: ReturnType<typeof trackConnections> } {
  let relay: TestRelay;
  const open = trackConnections(() => relay);
  before(async () => {
    relay = await startTestRelay();
  });
  after(async () => {
    open.closeAll();
    await relay.stop();
  });
  return {
    get relay() {
      return relay;
    },
    open,
  };
}
