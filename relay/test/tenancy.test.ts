import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { newClientMessageId as clientId } from '../../protocol/ids.ts';
import { startTestRelay, TEST_PASSWORD, type TestRelay } from '../testing/harness.ts';
import { call, ok, trackConnections } from '../testing/clients.ts';

let relay: TestRelay;
const open = trackConnections(() => relay);
before(async () => {
  relay = await startTestRelay();
  const other = await relay.stores.clinics.create({
    siteKey: 'other-clinic',
    name: 'Other',
    greeting: '',
    locale: 'en',
    origins: [relay.url],
    bookingUrl: null,
    officeHours: null,
  });
  await relay.stores.staff.create({ clinicId: other.id, email: 'admin@other.clinic', name: 'Other Admin', role: 'admin', password: TEST_PASSWORD });
});
after(async () => {
  open.closeAll();
  await relay.stop();
});
const visitor = open.patient;
const staff = open.staff;

test('a visitor of one clinic can neither read nor write a thread of another clinic', async () => {
  const a = await visitor();
  const { thread } = await ok(a.socket, 'thread:open', { kind: 'general' });
  await ok(a.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'private question' });

  const b = await visitor({ siteKey: 'other-clinic' });
  assert.equal((await call(b.socket, 'message:history', { threadId: thread.id })).error?.code, 'NOT_FOUND');
  assert.equal((await call(b.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'x' })).error?.code, 'NOT_FOUND');
  const otherStaff = await staff('admin@other.clinic');
  assert.equal((await call(otherStaff, 'thread:get', { threadId: thread.id })).error?.code, 'NOT_FOUND');
  assert.deepEqual((await ok(otherStaff, 'inbox:list', {})).threads, []);
});

test("another visitor of the same clinic cannot read a patient's thread", async () => {
  const a = await visitor();
  const { thread } = await ok(a.socket, 'thread:open', { kind: 'general' });
  const stranger = await visitor();
  assert.equal((await call(stranger.socket, 'message:history', { threadId: thread.id })).error?.code, 'NOT_FOUND');
  assert.deepEqual((await ok(stranger.socket, 'thread:list', {})).threads, []);
});

test('a visitor token of one clinic is refused by another clinic', async () => {
  const a = await visitor();
  await ok(a.socket, 'thread:open', { kind: 'general' });
  await assert.rejects(visitor({ siteKey: 'other-clinic', token: a.token }), { message: 'TOKEN_INVALID' });
});

test('a page on an origin the clinic did not allow is refused with a coded connect error', async () => {
  await assert.rejects(visitor({ origin: 'https://evil.example' }), (error: Error & { data?: { code: string } }) => {
    assert.equal(error.message, 'ORIGIN_NOT_ALLOWED');
    assert.equal(error.data?.code, 'ORIGIN_NOT_ALLOWED');
    return true;
  });
  await assert.rejects(visitor({ siteKey: 'no-such-clinic' }), { message: 'SITE_KEY_UNKNOWN' });
});

test('a doctor sees only threads assigned or addressed to them; another doctor cannot read them', async () => {
  const patient = await visitor();
  const doctors = patient.session.clinic.doctors;
  const first = doctors.find((d) => d.name === 'Dr. Ирина Иванова')!;
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'doctor', doctorId: first.id });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'About my dosage' });

  const doctor = await staff('doctor@demo.clinic');
  const other = await staff('doctor2@demo.clinic');
  assert.ok((await ok(doctor, 'inbox:list', {})).threads.some((t) => t.id === thread.id));
  assert.equal((await ok(doctor, 'thread:get', { threadId: thread.id })).thread.id, thread.id);
  assert.ok(!(await ok(other, 'inbox:list', {})).threads.some((t) => t.id === thread.id));
  assert.equal((await call(other, 'message:history', { threadId: thread.id })).error?.code, 'NOT_FOUND');
  assert.equal((await call(other, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'x' })).error?.code, 'NOT_FOUND');
});

test('a general thread assigned to a doctor becomes visible to that doctor only', async () => {
  const patient = await visitor();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Medical question' });
  const admin = await staff('admin@demo.clinic');
  const doctor = await staff('doctor@demo.clinic');
  const other = await staff('doctor2@demo.clinic');
  assert.equal((await call(doctor, 'thread:get', { threadId: thread.id })).error?.code, 'NOT_FOUND');

  const { staff: colleagues } = await ok(admin, 'staff:list', {});
  const doctorId = colleagues.find((s) => s.email === 'doctor@demo.clinic')!.id;
  const { thread: assigned } = await ok(admin, 'thread:assign', { threadId: thread.id, assigneeId: doctorId });
  assert.equal(assigned.assignee?.id, doctorId);
  assert.ok((await ok(doctor, 'inbox:list', { assignee: 'me' })).threads.some((t) => t.id === thread.id));
  await ok(doctor, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Doctor here' });
  assert.equal((await call(other, 'thread:get', { threadId: thread.id })).error?.code, 'NOT_FOUND');
});

test('the head reads every thread but cannot send, assign or change status, and each open is logged', async () => {
  const patient = await visitor();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Hello' });
  const head = await staff('head@demo.clinic');
  assert.ok((await ok(head, 'inbox:list', {})).threads.some((t) => t.id === thread.id));
  assert.equal((await ok(head, 'message:history', { threadId: thread.id })).messages.length, 1);
  assert.equal((await call(head, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'x' })).error?.code, 'FORBIDDEN');
  assert.equal((await call(head, 'thread:status', { threadId: thread.id, status: 'solved' })).error?.code, 'FORBIDDEN');
  assert.equal((await call(head, 'thread:assign', { threadId: thread.id, assigneeId: null })).error?.code, 'FORBIDDEN');
  assert.equal((await ok(head, 'message:history', { threadId: thread.id })).messages.length, 1);

  await ok(head, 'thread:get', { threadId: thread.id });
  const { entries: log } = await relay.stores.accessLog.list(head.me.clinic.id, { limit: 10 });
  assert.ok(log.some((entry) => entry.action === 'open' && entry.threadId === thread.id && entry.staffId === head.me.staff.id));
});
