/**
 * Playwright fixtures: each worker gets a real Redis and a real relay (with the demo
 * clinic seeded and the built widget, console and demo site served), stopped when the
 * worker ends.
 */
import { test as base, expect } from '@playwright/test';
import { startTestRelay, type TestRelay } from '../../relay/testing/harness.ts';

export interface RelayFixture {
  url: string;
  redisUrl: string;
  demoPassword: string;
  /** The running relay, for reading what is stored. */
  relay: TestRelay;
}

export const test = base.extend<{}, { relay: RelayFixture }>({
  relay: [async ({}, use) => {
    const relay = await startTestRelay();
    await use({ url: relay.url, redisUrl: relay.redis.url, demoPassword: relay.password, relay });
    await relay.stop();
  }, { scope: 'worker' }],
});

export { expect };
