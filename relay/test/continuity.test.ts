/**
 * One continuous conversation per patient and kind: writing after staff closed a thread
 * starts a new thread linked to the closed one; the patient keeps reading the earlier
 * thread but cannot write to it; nobody else can read it; staff see the link and the
 * patient's threads as their role allows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newClientMessageId as clientId, type StreamId } from '../../protocol/ids.ts';
import type { PatientThread } from '../../protocol/model.ts';
import { relayForFile } from '../testing/file-fixtures.ts';
import { call, ok, type VisitorConnection } from '../testing/clients.ts';

const file = relayForFile();

/** A patient who wrote in a general thread that staff then closed, and wrote again. */
async function closedAndContinued(): Promise<{ p: VisitorConnection; first: PatientThread; second: PatientThread }> {
  const p = await file.open.patient();
  const admin = await file.open.staff();
  const { thread: first } = await ok(p.socket, 'thread:open', { kind: 'general' });
  await ok(p.socket, 'message:send', { threadId: first.id, clientId: clientId(), text: 'How much is an MRI?' });
  await ok(admin, 'message:send', { threadId: first.id, clientId: clientId(), text: '5000 roubles' });
  await ok(admin, 'thread:status', { threadId: first.id, status: 'closed' });
  const { thread: second } = await ok(p.socket, 'thread:open', { kind: 'general' });
  await ok(p.socket, 'message:send', { threadId: second.id, clientId: clientId(), text: 'And a CT?' });
  return { p, first, second };
}

test('writing after a close starts a new thread linked to the closed one, in both views', async () => {
  const { p, first, second } = await closedAndContinued();
  assert.notEqual(second.id, first.id);
  assert.equal(first.previousThreadId, null);
  assert.equal(second.previousThreadId, first.id);

  const { threads } = await ok(p.socket, 'thread:list', {});
  const byId = new Map(threads.map((t) => [t.id, t]));
  assert.equal(byId.get(first.id)?.status, 'closed');
  assert.equal(byId.get(second.id)?.previousThreadId, first.id);

  const admin = await file.open.staff();
  assert.equal((await ok(admin, 'thread:get', { threadId: second.id })).thread.previousThreadId, first.id);
});

test('a third thread links to the second: the timeline is a chain, oldest first', async () => {
  const { p, second } = await closedAndContinued();
  const admin = await file.open.staff();
  await ok(admin, 'thread:status', { threadId: second.id, status: 'closed' });
  const { thread: third } = await ok(p.socket, 'thread:open', { kind: 'general' });
  assert.equal(third.previousThreadId, second.id);
});

test("the patient reads an earlier thread's history but cannot write to it, even when staff reopen it", async () => {
  const { p, first, second } = await closedAndContinued();
  const history = await ok(p.socket, 'message:history', { threadId: first.id });
  assert.deepEqual(
    history.messages.flatMap((m) => (m.type === 'text' ? [m.text] : [])),
    ['How much is an MRI?', '5000 roubles'],
  );
  // Marking an earlier thread read moves only the patient's own cursor.
  await ok(p.socket, 'read', { threadId: first.id, upTo: history.cursor! });

  const admin = await file.open.staff();
  await ok(admin, 'thread:status', { threadId: first.id, status: 'open' });
  const refused = await call(p.socket, 'message:send', { threadId: first.id, clientId: clientId(), text: 'into the old one' });
  assert.equal(refused.error?.code, 'THREAD_CLOSED');
  assert.equal((await call(p.socket, 'typing', { threadId: first.id, typing: true })).error?.code, 'THREAD_CLOSED');
  const after = await ok(p.socket, 'message:history', { threadId: first.id });
  assert.equal(
    after.messages.some((m) => m.type === 'text' && m.text === 'into the old one'),
    false,
  );
  // A tab that never wrote there is refused the same (its access step reads the slot; the
  // writing socket's append checks the mark the newer thread left).
  const otherTab = await file.open.patient({ token: p.token });
  assert.equal(
    (await call(otherTab.socket, 'message:send', { threadId: first.id, clientId: clientId(), text: 'from the other tab' })).error?.code,
    'THREAD_CLOSED',
  );
  // The current thread still takes messages.
  await ok(p.socket, 'message:send', { threadId: second.id, clientId: clientId(), text: 'still here' });
});

test('another visitor can neither read nor write an earlier thread of someone else', async () => {
  const { first } = await closedAndContinued();
  const stranger = await file.open.patient();
  assert.equal((await call(stranger.socket, 'message:history', { threadId: first.id })).error?.code, 'NOT_FOUND');
  assert.equal((await call(stranger.socket, 'read', { threadId: first.id, upTo: '1-0' as StreamId })).error?.code, 'NOT_FOUND');
  assert.equal((await call(stranger.socket, 'message:send', { threadId: first.id, clientId: clientId(), text: 'x' })).error?.code, 'NOT_FOUND');
});

test("each kind is its own timeline: a doctor thread never links to the clinic team's", async () => {
  const { p, second } = await closedAndContinued();
  const doctor = await file.open.staff('doctor@demo.clinic');
  const { thread } = await ok(p.socket, 'thread:open', { kind: 'doctor', doctorId: doctor.me.staff.id });
  assert.equal(thread.previousThreadId, null);
  assert.notEqual(thread.id, second.id);
});

test("staff see the patient's threads of every kind their role may read, oldest first", async () => {
  const { p, first, second } = await closedAndContinued();
  const doctor = await file.open.staff('doctor@demo.clinic');
  const { thread: withDoctor } = await ok(p.socket, 'thread:open', { kind: 'doctor', doctorId: doctor.me.staff.id });
  await ok(p.socket, 'message:send', { threadId: withDoctor.id, clientId: clientId(), text: 'Doctor, a question' });

  const owner = await file.open.staff('owner@demo.clinic');
  const seenByOwner = await ok(owner, 'patient:get', { threadId: second.id });
  assert.deepEqual(
    seenByOwner.threads.map((t) => t.id),
    [first.id, second.id, withDoctor.id],
  );
  assert.equal(seenByOwner.threads[1]?.previousThreadId, first.id);
  assert.equal(seenByOwner.threads[0]?.status, 'closed');

  // An administrator reads general threads, not a doctor's that is not theirs.
  const admin = await file.open.staff('admin@demo.clinic');
  assert.deepEqual(
    (await ok(admin, 'patient:get', { threadId: second.id })).threads.map((t) => t.id),
    [first.id, second.id],
  );

  // The doctor reads only the thread addressed to them, and not the general ones through it.
  assert.deepEqual(
    (await ok(doctor, 'patient:get', { threadId: withDoctor.id })).threads.map((t) => t.id),
    [withDoctor.id],
  );
  assert.equal((await call(doctor, 'patient:get', { threadId: first.id })).error?.code, 'NOT_FOUND');
  assert.equal((await call(doctor, 'message:history', { threadId: first.id })).error?.code, 'NOT_FOUND');
});
