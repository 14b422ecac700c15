import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newClientMessageId as clientId } from '../../protocol/ids.ts';
import type { StaffThread } from '../../protocol/model.ts';
import type { InboxCounts } from '../../protocol/queue.ts';
import type { ThreadId } from '../../protocol/ids.ts';
import { relayForFile } from '../testing/file-fixtures.ts';
import { call, nextEvent, ok, type StaffSocket } from '../testing/clients.ts';

const file = relayForFile();
const staff = file.open.staff;

async function patientWrites(text: string) {
  const patient = await file.open.patient();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text });
  return { patient, threadId: thread.id };
}

const awaitingIds = async (socket: StaffSocket): Promise<ThreadId[]> =>
  (await ok(socket, 'inbox:list', { view: 'awaiting', limit: 100 })).threads.map((thread) => thread.id);

test('the awaiting view lists threads whose patient wrote last, oldest wait first; a reply takes one out and a new patient message puts it last', async () => {
  const admin = await staff('admin@demo.clinic');
  const first = await patientWrites('first');
  const second = await patientWrites('second');
  let ids = await awaitingIds(admin);
  assert.ok(ids.indexOf(first.threadId) < ids.indexOf(second.threadId) && ids.indexOf(first.threadId) >= 0);

  // A reply ends the wait: its row follows the message once the views show the move.
  const replied = nextEvent<StaffThread>(admin, 'thread:update', (thread) => thread.id === first.threadId && thread.awaitingSince === null);
  await ok(admin, 'message:send', { threadId: first.threadId, clientId: clientId(), text: 'reply' });
  const row = await replied;
  assert.equal(row.previewBy, admin.me.staff.id, 'the writer gets their own row update, and it says who wrote the preview');
  assert.equal(row.preview, 'reply');
  ids = await awaitingIds(admin);
  assert.ok(!ids.includes(first.threadId));
  assert.ok(ids.includes(second.threadId));

  await ok(first.patient.socket, 'message:send', { threadId: first.threadId, clientId: clientId(), text: 'again' });
  const back = (await ok(admin, 'inbox:list', { view: 'awaiting', limit: 100 })).threads;
  ids = back.map((thread) => thread.id);
  assert.ok(ids.indexOf(second.threadId) < ids.indexOf(first.threadId), 'the new wait started later');
  const waits = back.map((thread) => thread.awaitingSince!);
  assert.deepEqual(
    waits,
    [...waits].sort((a, b) => a - b),
  );
});

test('a private note neither answers the patient nor moves the wait', async () => {
  const admin = await staff('admin@demo.clinic');
  const { threadId } = await patientWrites('waiting');
  await ok(admin, 'message:send', { threadId, clientId: clientId(), text: 'internal', private: true });
  assert.ok((await awaitingIds(admin)).includes(threadId));
});

test('counts follow the views: a new waiting thread and a complaint mark each count once, a doctor has no complaints view', async () => {
  const admin = await staff('admin@demo.clinic');
  const before = (await ok(admin, 'inbox:counts', {})).counts;
  const { threadId } = await patientWrites('count me');
  await ok(admin, 'thread:complaint', { threadId, complaint: true });
  const after = (await ok(admin, 'inbox:counts', {})).counts;
  for (const view of ['awaiting', 'open', 'unassigned', 'all', 'complaints'] as const) assert.equal(after[view], before[view]! + 1, view);
  assert.equal(after.closed, before.closed);
  const listed = (await ok(admin, 'inbox:list', { view: 'complaints', limit: 100 })).threads;
  assert.equal(listed.length, after.complaints);

  const doctor = await staff('doctor@demo.clinic');
  const counts = (await ok(doctor, 'inbox:counts', {})).counts;
  assert.equal(counts.complaints, undefined);
  assert.equal(typeof counts.awaiting, 'number');
});

test('"take" assigns a conversation nobody has to the caller; a colleague taking it after gets ALREADY_TAKEN', async () => {
  const admin = await staff('admin@demo.clinic');
  const owner = await staff('owner@demo.clinic');
  const head = await staff('head@demo.clinic');
  const { threadId } = await patientWrites('who takes me?');
  const { thread } = await ok(admin, 'thread:take', { threadId });
  assert.equal(thread.assignee?.id, admin.me.staff.id);
  assert.equal((await call(owner, 'thread:take', { threadId })).error?.code, 'ALREADY_TAKEN');
  assert.equal((await ok(admin, 'thread:get', { threadId })).thread.assignee?.id, admin.me.staff.id);
  assert.equal((await ok(admin, 'thread:take', { threadId })).thread.assignee?.id, admin.me.staff.id, "taking one's own again is fine");
  assert.equal((await call(head, 'thread:take', { threadId })).error?.code, 'FORBIDDEN');
});

test('with auto-assignment on, the first reply to an unassigned conversation assigns it; only the owner changes the setting', async (t) => {
  const owner = await staff('owner@demo.clinic');
  const admin = await staff('admin@demo.clinic');
  assert.deepEqual((await ok(admin, 'queue:get', {})).settings, { waitTargetMinutes: 15, autoAssign: false });
  assert.equal((await call(admin, 'queue:update', { autoAssign: true })).error?.code, 'FORBIDDEN');
  assert.equal((await call(owner, 'queue:update', { waitTargetMinutes: 0 })).error?.code, 'BAD_REQUEST');
  assert.deepEqual((await ok(owner, 'queue:update', { autoAssign: true, waitTargetMinutes: 30 })).settings, { waitTargetMinutes: 30, autoAssign: true });
  t.after(() => ok(owner, 'queue:update', { autoAssign: false, waitTargetMinutes: 15 }));

  const { threadId } = await patientWrites('hello');
  await ok(admin, 'message:send', { threadId, clientId: clientId(), text: 'hi, Anna here' });
  assert.equal((await ok(owner, 'thread:get', { threadId })).thread.assignee?.id, admin.me.staff.id);
  await ok(owner, 'message:send', { threadId, clientId: clientId(), text: 'owner too' });
  assert.equal((await ok(owner, 'thread:get', { threadId })).thread.assignee?.id, admin.me.staff.id, 'a later reply by another keeps the assignee');
});

/** Asks for counts the moment the thread's row arrives (with a message or in thread:update), as the console does. */
function countsOnRow(socket: StaffSocket, threadId: ThreadId) {
  return new Promise<InboxCounts>((resolve, reject) => {
    const onRow = (thread: StaffThread | undefined) => {
      if (thread?.id !== threadId) return;
      socket.off('message', onMessage);
      socket.off('thread:update', onRow);
      ok(socket, 'inbox:counts', {}).then(resolve, reject);
    };
    const onMessage = (_: unknown, thread?: StaffThread) => onRow(thread);
    socket.on('message', onMessage);
    socket.on('thread:update', onRow);
  });
}

test('counts asked the moment a row arrives already show its move: a reply leaves the awaiting view, a take leaves unassigned', async () => {
  const admin = await staff('admin@demo.clinic');
  const owner = await staff('owner@demo.clinic');
  const { threadId } = await patientWrites('count me on the push');
  const before = (await ok(owner, 'inbox:counts', {})).counts;

  const onReply = countsOnRow(owner, threadId);
  await ok(admin, 'message:send', { threadId, clientId: clientId(), text: 'reply' });
  assert.equal((await onReply).counts.awaiting, before.awaiting! - 1, 'a reply');

  const onTake = countsOnRow(owner, threadId);
  await ok(admin, 'thread:take', { threadId });
  assert.equal((await onTake).counts.unassigned, before.unassigned! - 1, 'a take');
});
