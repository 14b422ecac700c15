import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { CONSENT_TEXT_VERSION, checkContact } from '../../protocol/contact.ts';
import type { StaffId, VisitorId } from '../../protocol/stream-ids.ts';
import { newEntityId } from '../store/random-ids.ts';
import { startTestRedis } from '../testing/harness.ts';
import { createContactStore } from './contact-store.ts';

async function store(t: TestContext) {
  const server = await startTestRedis();
  const redis = new Redis(server.url);
  t.after(async () => {
    redis.disconnect();
    await server.stop();
  });
  return { redis, contacts: createContactStore(redis) };
}

test("a patient's contact is kept with the consent version and time, changed as a whole, and withdrawn", async (t) => {
  const { contacts } = await store(t);
  const visitor = newEntityId<VisitorId>();
  assert.equal(await contacts.getPatientContact(visitor), null);
  const checked = checkContact({ email: 'anna@example.org', phone: '8 (912) 345-67-89' });
  assert.ok(checked.ok);
  await contacts.setPatientContact(visitor, checked.ok, { version: CONSENT_TEXT_VERSION, at: 1_750_000_000_000 });
  assert.deepEqual(await contacts.getPatientContact(visitor), {
    email: 'anna@example.org',
    phone: '+79123456789',
    consentVersion: CONSENT_TEXT_VERSION,
    consentAt: 1_750_000_000_000,
  });
  await contacts.setPatientContact(visitor, { email: null, phone: '+79990001122' }, { version: CONSENT_TEXT_VERSION, at: 1_750_000_100_000 });
  assert.deepEqual(await contacts.getPatientContact(visitor), {
    email: null,
    phone: '+79990001122',
    consentVersion: CONSENT_TEXT_VERSION,
    consentAt: 1_750_000_100_000,
  });
  await contacts.withdrawPatientContact(visitor);
  assert.equal(await contacts.getPatientContact(visitor), null);
});

test('withdrawing leaves nothing of the contact in Redis', async (t) => {
  const { redis, contacts } = await store(t);
  const visitor = newEntityId<VisitorId>();
  await contacts.setPatientContact(visitor, { email: 'anna@example.org', phone: null }, { version: CONSENT_TEXT_VERSION, at: Date.now() });
  await contacts.withdrawPatientContact(visitor);
  assert.deepEqual(await redis.keys('*'), []);
});

test('staff alert settings round-trip; never set is null', async (t) => {
  const { contacts } = await store(t);
  const staff = newEntityId<StaffId>();
  assert.equal(await contacts.getStaffAlerts(staff), null);
  await contacts.setStaffAlerts(staff, { alerts: true, email: null, phone: '+79123456789', escalation: true });
  assert.deepEqual(await contacts.getStaffAlerts(staff), { alerts: true, email: null, phone: '+79123456789', escalation: true });
  await contacts.setStaffAlerts(staff, { alerts: false, email: 'night@example.org', phone: null, escalation: false });
  assert.deepEqual(await contacts.getStaffAlerts(staff), { alerts: false, email: 'night@example.org', phone: null, escalation: false });
});
