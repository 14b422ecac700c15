import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newClientMessageId as clientId } from '../../protocol/ids.ts';
import type { StaffThread } from '../../protocol/model.ts';
import { relayForFile } from '../testing/file-fixtures.ts';
import { call, nextEvent, ok } from '../testing/clients.ts';

const file = relayForFile();
const staff = file.open.staff;

test('staff see only what the patient chose to give, plus the page and time zone they wrote from', async () => {
  const patient = await file.open.patient();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'hi' });
  const admin = await staff('admin@demo.clinic');
  const anonymous = (await ok(admin, 'patient:get', { threadId: thread.id })).patient;
  assert.match(anonymous.displayName, /^Пациент #\d{4}$/, 'the demo clinic is Russian');
  assert.equal(anonymous.name, null);
  assert.equal(anonymous.email, null);

  const renamed = nextEvent<StaffThread>(admin, 'thread:update', (t) => t.id === thread.id);
  await ok(patient.socket, 'visitor:identify', { name: 'Мария', phone: '+7 900 000-00-00' });
  assert.equal((await renamed).patient.displayName, 'Мария');
  const known = (await ok(admin, 'patient:get', { threadId: thread.id })).patient;
  assert.deepEqual([known.name, known.phone, known.email], ['Мария', '+7 900 000-00-00', null]);
  assert.equal((await call(patient.socket, 'visitor:identify', { email: 'not-an-email' })).error?.code, 'BAD_REQUEST');
});

test('the page and time zone from the handshake reach the patient panel; malformed ones are refused', async () => {
  const patient = await file.open.patient({ page: `${file.relay.url}/prices`, timeZone: 'Europe/Moscow' });
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  const admin = await staff('owner@demo.clinic');
  const profile = (await ok(admin, 'patient:get', { threadId: thread.id })).patient;
  assert.equal(profile.page, `${file.relay.url}/prices`);
  assert.equal(profile.timeZone, 'Europe/Moscow');
  await assert.rejects(file.open.patient({ page: 'javascript:alert(1)' }), { message: 'BAD_REQUEST' });
  await assert.rejects(file.open.patient({ timeZone: 'Europe/Moscow; DROP' }), { message: 'BAD_REQUEST' });
});

test('administrators manage ready answers that every colleague can list; others cannot change them', async () => {
  const admin = await staff('admin@demo.clinic');
  const doctor = await staff('doctor@demo.clinic');
  const { answer } = await ok(admin, 'answers:save', { shortcut: 'price-mri', title: 'МРТ: цена', text: 'МРТ одной зоны — 4 500 ₽.' });
  assert.ok((await ok(doctor, 'answers:list', {})).answers.some((a) => a.id === answer.id));
  assert.equal((await call(doctor, 'answers:save', { shortcut: 'x', title: 'x', text: 'x' })).error?.code, 'FORBIDDEN');
  assert.equal((await call(doctor, 'answers:delete', { id: answer.id })).error?.code, 'FORBIDDEN');
  const edited = await ok(admin, 'answers:save', { id: answer.id, shortcut: 'price-mri', title: 'МРТ', text: 'МРТ — от 4 500 ₽.' });
  assert.equal(edited.answer.text, 'МРТ — от 4 500 ₽.');
  await ok(admin, 'answers:delete', { id: answer.id });
  assert.ok(!(await ok(admin, 'answers:list', {})).answers.some((a) => a.id === answer.id));
  assert.equal((await call(admin, 'answers:save', { shortcut: 'Bad Shortcut', title: 'x', text: 'x' })).error?.code, 'BAD_REQUEST');
});

test('a conversation marked as a complaint reaches the complaints manager, live and in the inbox', async () => {
  const patient = await file.open.patient();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'I was overcharged' });
  const admin = await staff('admin@demo.clinic');
  const complaints = await staff('complaints@demo.clinic');
  assert.equal((await call(complaints, 'thread:get', { threadId: thread.id })).error?.code, 'NOT_FOUND');

  const arrives = nextEvent<StaffThread>(complaints, 'thread:update', (t) => t.id === thread.id);
  await ok(admin, 'thread:complaint', { threadId: thread.id, complaint: true });
  assert.equal((await arrives).complaint, true);
  assert.ok((await ok(complaints, 'inbox:list', {})).threads.some((t) => t.id === thread.id));
  await ok(complaints, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'We will refund you.' });
  const doctor = await staff('doctor@demo.clinic');
  // The role is checked before the thread is read: a doctor may never mark complaints, whatever the thread.
  assert.equal((await call(doctor, 'thread:complaint', { threadId: thread.id, complaint: false })).error?.code, 'FORBIDDEN');
});
