import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { newClientMessageId as clientId } from '../../protocol/ids.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { call, ok, trackConnections } from '../testing/clients.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The sweep's clock: at 0 nothing is idle; a test moves it. */
let clock = 0;
let relay: TestRelay;
const open = trackConnections(() => relay);
before(async () => {
  relay = await startTestRelay({ relay: { retention: { everyMs: 200, now: () => clock } } });
});
after(async () => {
  open.closeAll();
  await relay.stop();
});

test('a conversation idle past the clinic’s retention days is erased by the scheduled sweep and logged; a newer one stays', async () => {
  const owner = await open.staff('owner@demo.clinic');
  const oldPatient = await open.patient();
  const oldThread = (await ok(oldPatient.socket, 'thread:open', { kind: 'general' })).thread;
  const last = await ok(oldPatient.socket, 'message:send', { threadId: oldThread.id, clientId: clientId(), text: 'old question' });
  const newPatient = await open.patient();
  const newThread = (await ok(newPatient.socket, 'thread:open', { kind: 'general' })).thread;
  const recent = await ok(newPatient.socket, 'message:send', { threadId: newThread.id, clientId: clientId(), text: 'new question' });
  assert.ok(recent.at > last.at + 1, 'the newer conversation is active later');

  const { clinic } = await ok(owner, 'clinic:update', { security: { retentionDays: 2, requireTwoFactor: false, idleTimeoutMinutes: 0 } });
  assert.equal(clinic.security.retentionDays, 2);
  const swept = new Promise<number>((resolve) => relay.retention.events.once('swept', (_clinic, erased) => resolve(erased)));
  // Two days after the older conversation's last message, before the newer one's.
  clock = last.at + 1 + 2 * DAY_MS;
  assert.equal(await swept, 1);

  assert.equal((await call(owner, 'thread:get', { threadId: oldThread.id })).error?.code, 'NOT_FOUND');
  assert.equal((await ok(owner, 'thread:get', { threadId: newThread.id })).thread.id, newThread.id);
  const { entries } = await relay.stores.accessLog.list(owner.me.clinic.id, { action: 'retention-erase' });
  assert.equal(entries.length, 1);
  assert.equal(entries[0]!.staffId, null);
});

test('retention days out of range are refused with the field named, and nothing changes', async () => {
  const owner = await open.staff('owner@demo.clinic');
  const before = (await ok(owner, 'clinic:get', {})).clinic.security;
  const refused = await call(owner, 'clinic:update', { security: { retentionDays: -1, requireTwoFactor: false, idleTimeoutMinutes: 0 } });
  assert.equal(refused.error?.code, 'BAD_REQUEST');
  assert.match(String(refused.error?.data?.path), /retentionDays/);
  assert.deepEqual((await ok(owner, 'clinic:get', {})).clinic.security, before);
});
