import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Message, PatientThread } from '../../protocol/model.ts';
import { newClientMessageId as clientId, type StreamId } from '../../protocol/ids.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { nextEvent, ok, recordEvents, trackConnections } from '../testing/clients.ts';

let relay: TestRelay;
before(async () => {
  relay = await startTestRelay();
});
after(async () => {
  await relay.stop();
});
const open = trackConnections(() => relay);
after(open.closeAll);

test('a private note leaves the patient’s view of the thread untouched: last id, last activity and the staff read cursor', async () => {
  const p = await open.patient();
  const admin = await open.staff('admin@demo.clinic');
  const { thread } = await ok(p.socket, 'thread:open', { kind: 'general' });
  await ok(p.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Можно записаться на завтра?' });
  const replied = nextEvent<Message>(p.socket, 'message', (m) => m.threadId === thread.id && m.type === 'text' && m.author.kind === 'staff');
  const reply = await ok(admin, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Да, на 10:00.' });
  await replied;
  const listed = async () => (await ok(p.socket, 'thread:list', {})).threads.find((t) => t.id === thread.id)!;
  const beforeNote = await listed();
  assert.equal(beforeNote.lastId, reply.id);

  // A later millisecond, so a leaked note would show in lastActivityAt too.
  const noteAfter = Date.now();
  while (Date.now() === noteAfter) await new Promise((resolve) => setImmediate(resolve));
  const note = await ok(admin, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'перезвонить после 18:00', private: true });
  const readSeen = nextEvent<{ upTo: StreamId; side: string }>(p.socket, 'read', (r) => r.side === 'staff');
  await ok(admin, 'read', { threadId: thread.id, upTo: note.id as StreamId });
  assert.equal((await readSeen).upTo, reply.id);

  const view = await listed();
  assert.equal(view.lastId, beforeNote.lastId);
  assert.equal(view.lastActivityAt, beforeNote.lastActivityAt);
  assert.equal(view.read.staff, reply.id);
  const staffView = (await ok(admin, 'thread:get', { threadId: thread.id })).thread;
  assert.equal(staffView.lastId, note.id);
});

test('a complaint mark, which the patient’s view does not show, pushes nothing to the patient', async () => {
  const p = await open.patient();
  const admin = await open.staff('admin@demo.clinic');
  const { thread } = await ok(p.socket, 'thread:open', { kind: 'general' });
  await ok(p.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Жалоба на запись' });
  const updates = recordEvents<PatientThread>(p.socket, 'thread:update', (t) => t.id === thread.id);
  await ok(admin, 'thread:complaint', { threadId: thread.id, complaint: true });
  // Events reach a socket in the order the relay sent them: whatever the mark pushed came before this reply.
  let updatesBeforeReply = -1;
  const replied = nextEvent<Message>(p.socket, 'message', (m) => {
    const mine = m.threadId === thread.id && m.type === 'text' && m.text === 'Мы разберёмся';
    if (mine) updatesBeforeReply = updates.length;
    return mine;
  });
  await ok(admin, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Мы разберёмся' });
  await replied;
  assert.equal(updatesBeforeReply, 0);
  assert.equal((await ok(admin, 'thread:get', { threadId: thread.id })).thread.complaint, true);
});

test('a private note pushes nothing to the patient and leaves their unread count as it was', async () => {
  const p = await open.patient();
  const admin = await open.staff('admin@demo.clinic');
  const { thread } = await ok(p.socket, 'thread:open', { kind: 'general' });
  await ok(p.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Когда приём?' });
  const replied = nextEvent<Message>(p.socket, 'message', (m) => m.threadId === thread.id && m.type === 'text' && m.author.kind === 'staff');
  await ok(admin, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'В среду.' });
  await replied;
  const unread = async () => (await ok(p.socket, 'thread:list', {})).threads.find((t) => t.id === thread.id)!.unread;
  assert.equal(await unread(), 1);

  const messages = recordEvents<Message>(p.socket, 'message', (m) => m.threadId === thread.id);
  const updates = recordEvents<PatientThread>(p.socket, 'thread:update', (t) => t.id === thread.id);
  await ok(admin, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'не перезванивать до 18:00', private: true });
  assert.equal(await unread(), 1);
  // Events reach a socket in the order the relay sent them: what the note pushed came before this reply.
  let pushedByNote = -1;
  const next = nextEvent<Message>(p.socket, 'message', (m) => {
    const mine = m.threadId === thread.id && m.type === 'text' && m.text === 'Ждём вас.';
    if (mine) pushedByNote = messages.filter((seen) => seen !== m).length + updates.length;
    return mine;
  });
  await ok(admin, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Ждём вас.' });
  await next;
  assert.equal(pushedByNote, 0);
  assert.equal(await unread(), 2);
});
