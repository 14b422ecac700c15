import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { newClientMessageId as clientId, type ThreadId } from '../../protocol/ids.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { SENDER_COUNTERS, storeSnapshot } from '../testing/store-snapshot.ts';
import { call, connectStaff, connectVisitor, ok, type StaffSocket, type VisitorConnection } from '../testing/clients.ts';

let relay: TestRelay;
let redis: Redis;
let patient: VisitorConnection;
let head: StaffSocket;
let admin: StaffSocket;
let doctor: StaffSocket;
let threadId: ThreadId;
const UNKNOWN_THREAD = 'AAAAAAAAAAAAAAAAAAAAAA' as ThreadId;

before(async () => {
  relay = await startTestRelay();
  redis = new Redis(relay.redis.url);
  patient = await connectVisitor(relay.url);
  const signIn = (who: string) => connectStaff(relay.url, `${who}@demo.clinic`, relay.password);
  [head, admin, doctor] = await Promise.all([signIn('head'), signIn('admin'), signIn('doctor')]);
  threadId = (await ok(patient.socket, 'thread:open', { kind: 'general' })).thread.id;
  await ok(patient.socket, 'message:send', { threadId, clientId: clientId(), text: 'Здравствуйте' });
});
after(async () => {
  for (const socket of [patient.socket, head, admin, doctor]) socket.close();
  redis.disconnect();
  await relay.stop();
});

const digest = async () => JSON.stringify(await storeSnapshot(redis, SENDER_COUNTERS));
const codeOf = (answer: { error?: { code: string } }) => answer.error?.code;

test('a role that may not call an event is refused before its handler runs: nothing is stored, whatever the payload names', async () => {
  const stored = await digest();
  for (const target of [threadId, UNKNOWN_THREAD]) {
    // The answer does not depend on the thread: the role is checked before the thread is read.
    assert.equal(codeOf(await call(head, 'message:send', { threadId: target, clientId: clientId(), text: 'from the head' })), 'FORBIDDEN');
    assert.equal(codeOf(await call(head, 'thread:status', { threadId: target, status: 'closed' })), 'FORBIDDEN');
    assert.equal(codeOf(await call(doctor, 'thread:complaint', { threadId: target, complaint: true })), 'FORBIDDEN');
  }
  assert.equal(codeOf(await call(admin, 'staff:add', { email: 'new@demo.clinic', name: 'New', role: 'owner' })), 'FORBIDDEN');
  assert.equal(codeOf(await call(admin, 'clinic:update', { bookingUrl: 'https://evil.example' })), 'FORBIDDEN');
  assert.equal(codeOf(await call(doctor, 'answers:save', { shortcut: 'x', title: 'x', text: 'x' })), 'FORBIDDEN');
  assert.equal(await digest(), stored, 'a refused event changed the store');
  assert.equal((await ok(admin, 'message:history', { threadId })).messages.length, 1);
});

test('a malformed payload is refused by its schema before the role is checked, with the documented code and field', async () => {
  const stored = await digest();
  const badEmail = await call(admin, 'staff:add', { email: 'not-an-email', name: 'X', role: 'owner' });
  assert.equal(codeOf(badEmail), 'BAD_REQUEST');
  assert.equal(badEmail.error?.data?.path, '/email');
  const badLocale = await call(doctor, 'clinic:update', { locale: 'de' as never });
  assert.equal(codeOf(badLocale), 'BAD_REQUEST');
  assert.deepEqual(badLocale.error?.data, { path: '/locale', reason: 'Expected one of "ru", "en"' });
  assert.equal(codeOf(await call(head, 'message:send', { threadId, clientId: clientId(), text: '  ' })), 'TEXT_EMPTY');
  assert.equal(codeOf(await call(head, 'message:send', { threadId: 'nope' as ThreadId, clientId: clientId(), text: 'x' })), 'BAD_ID');
  assert.equal(await digest(), stored);
});

test('thread access comes after the role: an allowed role gets NOT_FOUND for a thread it may not see', async () => {
  const other = await connectVisitor(relay.url);
  try {
    const { thread } = await ok(other.socket, 'thread:open', { kind: 'general' });
    assert.equal(codeOf(await call(doctor, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'x' })), 'NOT_FOUND');
    assert.equal(codeOf(await call(patient.socket, 'message:history', { threadId: thread.id })), 'NOT_FOUND');
  } finally {
    other.socket.close();
  }
});

test('the rate limit comes first: past it, even a malformed or unknown event is answered RATE_LIMITED', async (t) => {
  const limited = await startTestRelay({ env: { SOCKET_EVENTS_PER_10S: '3' } });
  t.after(() => limited.stop());
  const visitor = await connectVisitor(limited.url);
  t.after(() => visitor.socket.close());
  for (let i = 0; i < 3; i += 1) await ok(visitor.socket, 'thread:list', {});
  assert.equal(codeOf(await call(visitor.socket, 'thread:open', { kind: 'surgery' as never })), 'RATE_LIMITED');
  const raw = visitor.socket as unknown as { emitWithAck(event: string, payload: unknown): Promise<{ error?: { code: string } }> };
  assert.equal(codeOf(await raw.emitWithAck('no:such:event', {})), 'RATE_LIMITED');
});
