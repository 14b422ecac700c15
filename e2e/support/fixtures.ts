/**
 * Playwright fixtures: each worker gets a real Redis and a real relay (with the demo
 * clinic seeded and the built widget, console and demo site served), stopped when the
 * worker ends. A test that changes its clinic (settings, staff, ready answers) asks for
 * `clinic` instead: a fresh clinic like the demo one, its own for that test alone.
 */
import { randomUUID } from 'node:crypto';
import { test as base, expect } from '@playwright/test';
import { startTestRelay, type TestRelay } from '../../relay/testing/harness.ts';
import { DEMO_SITE_KEY, demoStaffEmail, seedDemo, type DemoMember } from '../../relay/demo-seed.ts';

/** One clinic on the worker's relay: where to reach it and how its staff sign in. */
export interface ClinicInfo {
  url: string;
  siteKey: string;
  /** The password of every member of the demo team. */
  demoPassword: string;
  /** The e-mail of a member of the demo team in this clinic: `email('owner')`. */
  email(who: DemoMember): string;
}

export interface RelayFixture extends ClinicInfo {
  redisUrl: string;
  /** The running relay, for reading what is stored. */
  relay: TestRelay;
}

/** The demo clinic (or another seeded one) of a relay, as the console and widget helpers take it. */
export function clinicInfo(relay: TestRelay, siteKey = DEMO_SITE_KEY): ClinicInfo {
  return { url: relay.url, siteKey, demoPassword: relay.password, email: (who) => demoStaffEmail(who, siteKey) };
}

export const test = base.extend<{ clinic: ClinicInfo }, { relay: RelayFixture }>({
  relay: [
    async ({}, use) => {
      // Specs build long conversations fast, from several sockets of one member or patient: the
      // per-sender budget (relay/test/flood-isolation.test.ts proves it) is raised for them. Every
      // spec of the worker signs in from 127.0.0.1, so the per-address sign-in budget
      // (relay/http/login-throttle.test.ts proves it) would refuse whichever spec runs past it.
      const relay = await startTestRelay({ env: { SENDER_MESSAGES_PER_10S: '1000', SENDER_EVENTS_PER_10S: '10000', LOGIN_ATTEMPTS: '1000' } });
      await use({ ...clinicInfo(relay, DEMO_SITE_KEY), redisUrl: relay.redis.url, relay });
      await relay.stop();
    },
    { scope: 'worker' },
  ],

  clinic: async ({ relay }, use) => {
    const siteKey = `test-${randomUUID().slice(0, 8)}`;
    const { stores, port, password } = relay.relay;
    await seedDemo(stores, port, password, siteKey);
    // Its pages on the relay's origin (the demo site, openPageWith) may open its chat.
    const clinic = await stores.clinics.getBySiteKey(siteKey);
    expect(clinic?.origins).toContain(relay.url);
    await use(clinicInfo(relay.relay, siteKey));
  },
});

export { expect };
