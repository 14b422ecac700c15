import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '../../protocol/model.ts';
import { newClientMessageId as clientId, type ThreadId } from '../../protocol/ids.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { nextEvent, nextPost, ok, recordEvents, trackConnections } from '../testing/clients.ts';

let relay: TestRelay;
before(async () => {
  relay = await startTestRelay({ env: { SOCKET_MESSAGES_PER_10S: '100000', SOCKET_EVENTS_PER_10S: '100000' } });
});
after(async () => {
  await relay.stop();
});

const open = trackConnections(() => relay);
after(open.closeAll);
const patient = (token?: string) => open.patient(token ? { token } : {});
const staff = open.staff;
const messageIn = (threadId: ThreadId, text: string) => (m: Message) => m.threadId === threadId && 'text' in m && m.text === text;

test("a sent message is acked after it is stored and reaches staff with its row and the patient's other tab live, not the sending tab", async () => {
  const tab1 = await patient();
  const tab2 = await patient(tab1.token);
  const admin = await staff();
  const { thread } = await ok(tab1.socket, 'thread:open', { kind: 'general' });

  const atStaff = nextPost(admin, messageIn(thread.id, 'Сколько стоит МРТ?'));
  const atTab2 = nextEvent<Message>(tab2.socket, 'message', messageIn(thread.id, 'Сколько стоит МРТ?'));
  const atTab1 = recordEvents<Message>(tab1.socket, 'message', (m) => m.threadId === thread.id);
  const ack = await ok(tab1.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Сколько стоит МРТ?' });

  assert.match(ack.id, /^\d+-\d+$/);
  assert.equal(ack.at, Number(ack.id.split('-')[0]));
  const stored = await ok(admin, 'message:history', { threadId: thread.id });
  assert.deepEqual(
    stored.messages.map((m) => m.id),
    [ack.id],
  );
  const post = await atStaff;
  assert.equal(post.message.id, ack.id);
  // One frame: the row as it is after the message.
  assert.equal(post.thread.id, thread.id);
  assert.equal(post.thread.lastId, ack.id);
  assert.equal(post.thread.unread, 1);
  assert.equal(post.thread.preview, 'Сколько стоит МРТ?');
  assert.equal((await atTab2).id, ack.id);
  // The sending tab has its ack: a reply pushed after the message reaches it, the message itself did not.
  const reply = nextEvent<Message>(tab1.socket, 'message', messageIn(thread.id, 'Около 5000'));
  await ok(admin, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Около 5000' });
  await reply;
  assert.deepEqual(
    atTab1.map((m) => m.id),
    [(await reply).id],
  );
});

test('the same client message id sent 20 times is stored once and acked the same every time', async () => {
  const { socket } = await patient();
  const { thread } = await ok(socket, 'thread:open', { kind: 'general' });
  const id = clientId();
  const acks = await Promise.all(Array.from({ length: 20 }, () => ok(socket, 'message:send', { threadId: thread.id, clientId: id, text: 'once' })));
  assert.equal(new Set(acks.map((a) => `${a.id}@${a.at}`)).size, 1);
  const again = await ok(socket, 'message:send', { threadId: thread.id, clientId: id, text: 'once' });
  assert.deepEqual(again, acks[0]);
  const history = await ok(socket, 'message:history', { threadId: thread.id });
  assert.equal(history.messages.length, 1);
});

test("a retry of a message stored without its reply reaching anyone is pushed live then, under the first attempt's id", async () => {
  const tab = await patient();
  const admin = await staff();
  const { thread } = await ok(tab.socket, 'thread:open', { kind: 'general' });
  const id = clientId();
  // The first attempt reached Redis, but its relay died before the ack and the push.
  const first = await relay.stores.threads.append(thread.id, { kind: 'patient' }, { type: 'text', clientId: id, text: 'stored, never pushed' });
  const atStaff = nextEvent<Message>(admin, 'message', messageIn(thread.id, 'stored, never pushed'));
  const retry = await ok(tab.socket, 'message:send', { threadId: thread.id, clientId: id, text: 'stored, never pushed' });
  assert.equal(retry.id, first.id);
  assert.equal((await atStaff).id, first.id);
});

test('1,000 interleaved patient and staff messages are seen in one identical order by every reader', async () => {
  const p = await patient();
  // The patient reads on another tab: the sending socket has its acks instead of pushes.
  const reader = await patient(p.token);
  const admin = await staff();
  const owner = await staff('owner@demo.clinic');
  const { thread } = await ok(p.socket, 'thread:open', { kind: 'general' });
  const total = 1000;
  const live: Record<string, string[]> = { patient: [], admin: [], owner: [] };
  const done = Promise.all(
    (
      [
        ['patient', reader.socket],
        ['admin', admin],
        ['owner', owner],
      ] as const
    ).map(
      ([name, s]) =>
        new Promise<void>((resolve) => {
          (s as unknown as { on(e: string, l: (m: Message) => void): void }).on('message', (m: Message) => {
            if (m.threadId !== thread.id) return;
            live[name]!.push(m.id);
            if (live[name]!.length === total) resolve();
          });
        }),
    ),
  );
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < total / 2; i += 1) {
    sends.push(ok(p.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: `p${i}` }));
    sends.push(ok(admin, 'message:send', { threadId: thread.id, clientId: clientId(), text: `s${i}` }));
  }
  await Promise.all(sends);
  await done;

  const pages: string[] = [];
  let after = '0-0' as Message['id'];
  for (;;) {
    const page = await ok(owner, 'message:history', { threadId: thread.id, limit: 200, after });
    pages.push(...page.messages.map((m) => m.id));
    if (!page.hasMore || !page.cursor) break;
    after = page.cursor;
  }
  assert.equal(pages.length, total);
  assert.deepEqual(live.patient, pages);
  assert.deepEqual(live.admin, pages);
  assert.deepEqual(live.owner, pages);
});

test('a reader that reconnects with its last id gets exactly the messages it missed', async () => {
  const first = await patient();
  const admin = await staff();
  const { thread } = await ok(first.socket, 'thread:open', { kind: 'general' });
  const seen = await ok(first.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'before' });
  first.socket.close();

  const missed: string[] = [];
  for (let i = 0; i < 7; i += 1) {
    missed.push((await ok(admin, 'message:send', { threadId: thread.id, clientId: clientId(), text: `missed ${i}` })).id);
  }
  const back = await patient(first.token);
  const page = await ok(back.socket, 'message:history', { threadId: thread.id, after: seen.id });
  assert.deepEqual(
    page.messages.map((m) => m.id),
    missed,
  );
  assert.equal(page.reset, false);
  assert.equal(page.cursor, missed.at(-1));
});

test("private notes never reach the patient, live or in history, and the patient's cursor skips them", async () => {
  const p = await patient();
  const admin = await staff();
  const { thread } = await ok(p.socket, 'thread:open', { kind: 'general' });
  const seen: Message[] = [];
  p.socket.on('message', (m) => seen.push(m));
  const note = await ok(admin, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'allergy: penicillin', private: true });
  const replyArrives = nextEvent<Message>(p.socket, 'message', messageIn(thread.id, 'Здравствуйте!'));
  const reply = await ok(admin, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Здравствуйте!' });
  assert.equal((await replyArrives).id, reply.id);
  const history = await ok(p.socket, 'message:history', { threadId: thread.id });
  assert.deepEqual(
    history.messages.map((m) => m.id),
    [reply.id],
  );
  assert.ok(!seen.some((m) => m.id === note.id));
  const staffHistory = await ok(admin, 'message:history', { threadId: thread.id });
  assert.deepEqual(
    staffHistory.messages.map((m) => m.type),
    ['note', 'text'],
  );
  const afterNote = await ok(p.socket, 'message:history', { threadId: thread.id, after: note.id });
  assert.deepEqual(
    afterNote.messages.map((m) => m.id),
    [reply.id],
  );
});
