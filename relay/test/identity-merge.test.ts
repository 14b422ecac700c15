/**
 * Issue 10 §4: only a verified identity (a patient id signed by the clinic) could join a
 * patient's histories across devices; an e-mail or phone the patient typed proves nothing,
 * so a stranger who types someone's address must not see their conversations. The relay
 * merges nothing by such details: each device stays its own visitor until a resume link
 * (which the clinic sends to the patient's own address) binds it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newClientMessageId } from '../../protocol/ids.ts';
import { call, ok } from '../testing/clients.ts';
import { relayForFile } from '../testing/file-fixtures.ts';

const file = relayForFile();

test('an unverified e-mail or phone never merges histories: a second device giving the same details sees nothing of the first', async () => {
  const details = { name: 'Мария Иванова', email: 'maria.merge@example.org', phone: '+79123450001' };
  const laptop = await file.open.patient();
  const { thread } = await ok(laptop.socket, 'thread:open', { kind: 'general' });
  await ok(laptop.socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: 'Мои анализы' });
  await ok(laptop.socket, 'visitor:identify', details);
  await ok(laptop.socket, 'visitor:contact', { email: details.email, phone: details.phone, consent: true });

  const stranger = await file.open.patient();
  await ok(stranger.socket, 'visitor:identify', details);
  await ok(stranger.socket, 'visitor:contact', { email: details.email, phone: details.phone, consent: true });
  // A new handshake after identifying (a reload) changes nothing either.
  const reloaded = await file.open.patient({ token: stranger.token });

  for (const device of [stranger, reloaded]) {
    assert.deepEqual((await ok(device.socket, 'thread:list', {})).threads, []);
    assert.notEqual((await call(device.socket, 'message:history', { threadId: thread.id })).error, undefined);
  }
  const opened = (await ok(reloaded.socket, 'thread:open', { kind: 'general' })).thread;
  assert.notEqual(opened.id, thread.id);
  const admin = await file.open.staff('admin@demo.clinic');
  const own = (await ok(admin, 'patient:get', { threadId: thread.id })).patient;
  const theirs = (await ok(admin, 'patient:get', { threadId: opened.id })).patient;
  assert.notEqual(theirs.id, own.id);
  assert.equal(theirs.verifiedId, null);
});
