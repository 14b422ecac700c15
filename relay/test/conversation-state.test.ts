import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { newClientMessageId as clientId, type StreamId } from '../../protocol/ids.ts';
import type { InboxRequest, ReadEvent, TypingEvent } from '../../protocol/requests.ts';
import type { StaffThread } from '../../protocol/model.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { nextEvent, ok, recordEvents, trackConnections } from '../testing/clients.ts';

let relay: TestRelay;
const open = trackConnections(() => relay);
before(async () => {
  relay = await startTestRelay({ env: { THREAD_MAX_MESSAGES: '10' } });
});
after(async () => {
  open.closeAll();
  await relay.stop();
});
const patient = (token?: string) => open.patient(token ? { token } : {});
const staff = open.staff;

test('a cursor older than anything kept gets an explicit reset, never a silent gap', async () => {
  const p = await patient();
  const { thread } = await ok(p.socket, 'thread:open', { kind: 'general' });
  const first = await ok(p.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'm0' });
  for (let i = 1; i < 15; i += 1) await ok(p.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: `m${i}` });
  const page = await ok(p.socket, 'message:history', { threadId: thread.id, after: first.id });
  assert.equal(page.reset, true);
  const newest = await ok(p.socket, 'message:history', { threadId: thread.id });
  assert.equal(newest.messages.length, 10);
  const upToDate = await ok(p.socket, 'message:history', { threadId: thread.id, after: newest.cursor! });
  assert.equal(upToDate.reset, false);
  assert.deepEqual(upToDate.messages, []);
});

test('scrolling back with `before` pages through older messages without overlap', async () => {
  const p = await patient();
  const { thread } = await ok(p.socket, 'thread:open', { kind: 'general' });
  const ids: StreamId[] = [];
  for (let i = 0; i < 7; i += 1) ids.push((await ok(p.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: `b${i}` })).id);
  const newest = await ok(p.socket, 'message:history', { threadId: thread.id, limit: 3 });
  assert.deepEqual(
    newest.messages.map((m) => m.id),
    ids.slice(4),
  );
  assert.equal(newest.hasMore, true);
  const older = await ok(p.socket, 'message:history', { threadId: thread.id, before: newest.oldest!, limit: 3 });
  assert.deepEqual(
    older.messages.map((m) => m.id),
    ids.slice(1, 4),
  );
  const oldest = await ok(p.socket, 'message:history', { threadId: thread.id, before: older.oldest!, limit: 3 });
  assert.deepEqual(
    oldest.messages.map((m) => m.id),
    ids.slice(0, 1),
  );
  assert.equal(oldest.hasMore, false);
});

test('read cursors move forward only, reach the other side live, and count unread messages', async () => {
  const p = await patient();
  const admin = await staff();
  const { thread } = await ok(p.socket, 'thread:open', { kind: 'general' });
  const a = await ok(p.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'one' });
  const b = await ok(p.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'two' });
  assert.equal((await ok(admin, 'thread:get', { threadId: thread.id })).thread.unread, 2);

  const seenByPatient = nextEvent<ReadEvent>(p.socket, 'read', (e) => e.threadId === thread.id && e.side === 'staff');
  await ok(admin, 'read', { threadId: thread.id, upTo: a.id });
  assert.equal((await seenByPatient).upTo, a.id);
  assert.equal((await ok(admin, 'thread:get', { threadId: thread.id })).thread.unread, 1);
  await ok(admin, 'read', { threadId: thread.id, upTo: '1-0' as StreamId });
  const after = (await ok(admin, 'thread:get', { threadId: thread.id })).thread;
  assert.equal(after.read.staff, a.id, 'a cursor never moves back');
  await ok(admin, 'read', { threadId: thread.id, upTo: '99999999999999-0' as StreamId });
  const clamped = (await ok(admin, 'thread:get', { threadId: thread.id })).thread;
  assert.equal(clamped.read.staff, b.id, 'a cursor never passes the last message');
  assert.equal(clamped.unread, 0);
});

test('typing reaches the other side and not the typist', async () => {
  const p = await patient();
  const admin = await staff();
  const owner = await staff('owner@demo.clinic');
  const { thread } = await ok(p.socket, 'thread:open', { kind: 'general' });
  const inThread = (e: TypingEvent) => e.threadId === thread.id;
  const atPatient = recordEvents(p.socket, 'typing', inThread);
  const atAdmin = recordEvents(admin, 'typing', inThread);

  const patientTypingAtOwner = nextEvent<TypingEvent>(owner, 'typing', (e) => e.threadId === thread.id);
  await ok(p.socket, 'typing', { threadId: thread.id, typing: true });
  assert.deepEqual(await patientTypingAtOwner, { threadId: thread.id, side: 'patient', typing: true });

  const adminTypingAtPatient = nextEvent<TypingEvent>(p.socket, 'typing', (e) => e.threadId === thread.id && e.side === 'staff');
  const adminTypingAtOwner = nextEvent<TypingEvent>(owner, 'typing', (e) => e.threadId === thread.id && e.side === 'staff');
  await ok(admin, 'typing', { threadId: thread.id, typing: true });
  assert.equal((await adminTypingAtPatient).staff?.id, admin.me.staff.id);
  assert.equal((await adminTypingAtOwner).staff?.id, admin.me.staff.id, 'a colleague sees it too');

  // One socket delivers in order: once a later event from someone else has arrived, an
  // echo of the typist's own event would have arrived before it.
  const fromOwner = (e: TypingEvent) => e.threadId === thread.id && e.staff?.id === owner.me.staff.id;
  const ownerTypingArrives = [nextEvent(admin, 'typing', fromOwner), nextEvent(p.socket, 'typing', fromOwner)];
  await ok(owner, 'typing', { threadId: thread.id, typing: true });
  await Promise.all(ownerTypingArrives);
  assert.deepEqual(
    atAdmin.map((e) => (e.side === 'staff' ? e.staff?.id : e.side)),
    ['patient', owner.me.staff.id],
    'the admin never gets their own typing',
  );
  assert.deepEqual(
    atPatient.map((e) => (e.side === 'staff' ? e.staff?.id : e.side)),
    [admin.me.staff.id, owner.me.staff.id],
    'the patient never gets their own typing',
  );
});

test('status and assignment changes are system messages both sides see, and move the thread between inbox views', async () => {
  const p = await patient();
  const admin = await staff();
  const { thread } = await ok(p.socket, 'thread:open', { kind: 'general' });
  await ok(p.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Booking?' });
  const inView = async (filter: InboxRequest) => (await ok(admin, 'inbox:list', filter)).threads.some((t: StaffThread) => t.id === thread.id);
  assert.equal(await inView({ assignee: 'unassigned' }), true);

  await ok(admin, 'thread:assign', { threadId: thread.id, assigneeId: (await ok(admin, 'staff:list', {})).staff.find((s) => s.role === 'admin')!.id });
  assert.equal(await inView({ assignee: 'me' }), true);
  assert.equal(await inView({ assignee: 'unassigned' }), false);

  const update = nextEvent<{ status: string }>(p.socket, 'thread:update', (t) => t.status === 'waiting');
  await ok(admin, 'thread:status', { threadId: thread.id, status: 'waiting' });
  await update;
  assert.equal(await inView({ status: 'waiting' }), true);
  assert.equal(await inView({ status: 'open' }), false);

  // The patient answering reopens a conversation that waited for them.
  await ok(p.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Tomorrow at 10' });
  assert.equal(await inView({ status: 'open' }), true);
  assert.equal(await inView({ status: 'waiting' }), false);

  const history = await ok(p.socket, 'message:history', { threadId: thread.id });
  const events = history.messages.filter((m) => m.type === 'system').map((m) => (m.type === 'system' ? m.event.kind : ''));
  assert.deepEqual(events, ['assigned', 'status']);
});

test("a closed conversation refuses new text, and the patient's next open starts a new one", async () => {
  const p = await patient();
  const admin = await staff();
  const { thread } = await ok(p.socket, 'thread:open', { kind: 'general' });
  await ok(p.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'thanks, bye' });
  await ok(admin, 'thread:status', { threadId: thread.id, status: 'closed' });
  const refused = await p.socket.emitWithAck('message:send', { threadId: thread.id, clientId: clientId(), text: 'one more' });
  assert.equal(refused.error?.code, 'THREAD_CLOSED');
  const next = await ok(p.socket, 'thread:open', { kind: 'general' });
  assert.notEqual(next.thread.id, thread.id);
  const all = await ok(p.socket, 'thread:list', {});
  assert.deepEqual(new Set(all.threads.map((t) => t.id)), new Set([thread.id, next.thread.id]));
});

test('two tabs opening a conversation at the same moment get the same thread', async () => {
  const tab1 = await patient();
  const tab2 = await patient(tab1.token);
  const [a, b] = await Promise.all([ok(tab1.socket, 'thread:open', { kind: 'general' }), ok(tab2.socket, 'thread:open', { kind: 'general' })]);
  assert.equal(a.thread.id, b.thread.id);
});
