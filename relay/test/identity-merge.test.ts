/**
 * Issue 10 §4: only a verified identity (a patient id signed by the clinic) could join a
 * patient's histories across devices; an e-mail or phone the patient typed proves nothing,
 * so a stranger who types someone's address must not see their conversations. The relay
 * merges nothing by such details: each device stays its own visitor until a resume link
 * (which the clinic sends to the patient's own address) binds it, or the clinic's site
 * vouches for the patient with a signed patient id another device already gave.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newClientMessageId } from '../../protocol/ids.ts';
import type { PatientThread } from '../../protocol/model.ts';
import { call, connectVisitor, nextEvent, ok } from '../testing/clients.ts';
import { relayForFile } from '../testing/file-fixtures.ts';
import { signedPatient } from '../testing/signed-patient.ts';

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

test('two devices identifying as the same verified patient become one history: the second moves onto the first, keeping its own earlier thread', async () => {
  const signed = await signedPatient(file.relay, 'crm-merge-1');
  const laptop = await file.open.patient();
  const laptopThread = (await ok(laptop.socket, 'thread:open', { kind: 'general' })).thread;
  await ok(laptop.socket, 'message:send', { threadId: laptopThread.id, clientId: newClientMessageId(), text: 'С ноутбука' });
  assert.deepEqual(await ok(laptop.socket, 'visitor:identify', { name: 'Ольга Слияние', ...signed }), {}, 'the first device holds the patient');

  const phone = await file.open.patient();
  const phoneThread = (await ok(phone.socket, 'thread:open', { kind: 'general' })).thread;
  const unsent = { threadId: phoneThread.id, clientId: newClientMessageId(), text: 'С телефона' };
  const stored = await ok(phone.socket, 'message:send', unsent);
  const shown = nextEvent<PatientThread>(laptop.socket, 'thread:update', (thread) => thread.id === phoneThread.id);
  const { token } = await ok(phone.socket, 'visitor:identify', signed);
  assert.ok(token, 'the second device gets a token of the patient’s visitor');

  const moved = await file.open.patient({ token });
  const threads = (await ok(moved.socket, 'thread:list', {})).threads.map((t) => t.id);
  assert.deepEqual(threads.sort(), [laptopThread.id, phoneThread.id].sort());
  // A message the phone's outbox still holds (its ack lost) is stored once, in its own thread.
  assert.deepEqual(await ok(moved.socket, 'message:send', unsent), stored);
  const history = (await ok(moved.socket, 'message:history', { threadId: phoneThread.id })).messages;
  assert.deepEqual(
    history.flatMap((m) => (m.type === 'text' ? [m.text] : [])),
    ['С телефона'],
  );
  await shown;
  assert.deepEqual((await ok(laptop.socket, 'thread:list', {})).threads.map((t) => t.id).sort(), threads, 'the first device sees both too');
  await assert.rejects(connectVisitor(file.relay.url, { token: phone.token }), { message: 'TOKEN_INVALID' }, 'the phone’s own visitor is gone');

  const admin = await file.open.staff('admin@demo.clinic');
  const fromLaptop = await ok(admin, 'patient:get', { threadId: laptopThread.id });
  const fromPhone = await ok(admin, 'patient:get', { threadId: phoneThread.id });
  assert.equal(fromPhone.patient.id, fromLaptop.patient.id);
  assert.equal(fromLaptop.patient.verifiedId, 'crm-merge-1');
  assert.equal(fromLaptop.patient.name, 'Ольга Слияние');
  assert.deepEqual(fromLaptop.threads.map((t) => t.id).sort(), threads);
  assert.equal((await ok(admin, 'thread:get', { threadId: phoneThread.id })).thread.patient.displayName, 'Ольга Слияние');

  // The patient's e-mail typed on a third device proves nothing: it stays a stranger.
  await ok(laptop.socket, 'visitor:identify', { email: 'olga.merge@example.org' });
  const stranger = await file.open.patient();
  assert.deepEqual(await ok(stranger.socket, 'visitor:identify', { email: 'olga.merge@example.org' }), {});
  assert.deepEqual((await ok(stranger.socket, 'thread:list', {})).threads, []);
});

test('a browser holding one verified patient is not carried into another’s history, and stores nothing', async () => {
  const first = await signedPatient(file.relay, 'crm-merge-2');
  const second = await signedPatient(file.relay, 'crm-merge-3');
  const holder = await file.open.patient();
  await ok(holder.socket, 'visitor:identify', second);
  const device = await file.open.patient();
  const { thread } = await ok(device.socket, 'thread:open', { kind: 'general' });
  await ok(device.socket, 'visitor:identify', first);
  const refused = await call(device.socket, 'visitor:identify', second);
  assert.equal(refused.error?.code, 'BAD_REQUEST');
  assert.equal(refused.error?.data?.path, '/patientId');
  assert.deepEqual(
    (await ok(device.socket, 'thread:list', {})).threads.map((t) => t.id),
    [thread.id],
  );
  assert.deepEqual((await ok(holder.socket, 'thread:list', {})).threads, []);
});
