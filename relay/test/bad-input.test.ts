import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { STAFF_REQUESTS, VISITOR_REQUESTS } from '../../protocol/events.ts';
import { LIMITS } from '../../protocol/limits.ts';
import { newClientMessageId as clientId, type ThreadId } from '../../protocol/ids.ts';
import type { EventErrorPayload } from '../../protocol/events.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { connectStaff, connectVisitor, nextEvent, ok, type StaffSocket, type VisitorConnection } from '../testing/clients.ts';

let relay: TestRelay;
let redis: Redis;
let patient: VisitorConnection;
let admin: StaffSocket;
let threadId: string;
const UNKNOWN_THREAD = 'AAAAAAAAAAAAAAAAAAAAAA';

before(async () => {
  relay = await startTestRelay({ env: { SOCKET_EVENTS_PER_10S: '100000', SOCKET_MESSAGES_PER_10S: '100000' } });
  redis = new Redis(relay.redis.url);
  patient = await connectVisitor(relay.url);
  admin = await connectStaff(relay.url, 'admin@demo.clinic', relay.password);
  threadId = (await ok(patient.socket, 'thread:open', { kind: 'general' })).thread.id;
  await ok(patient.socket, 'message:send', { threadId: threadId as never, clientId: clientId(), text: 'first' });
});
after(async () => {
  patient.socket.close();
  admin.close();
  redis.disconnect();
  await relay.stop();
});

/** Payloads no event accepts, then ones that are wrong for events that carry a thread. */
const GENERIC_BAD: unknown[] = [undefined, null, 42, 'text', [], [{}], { unexpected: true }, { __proto__: { threadId: 'x' } }];
function threadBad(): unknown[] {
  return [
    { threadId: 'not-an-id', clientId: clientId(), text: 'x', typing: true, upTo: '1-0', kind: 'general', status: 'open', assigneeId: null },
    { threadId: UNKNOWN_THREAD, clientId: clientId(), text: 'x', typing: true, upTo: '1-0', status: 'open', assigneeId: null },
    { threadId, clientId: 'short', text: 'x' },
    { threadId, clientId: 'has spaces and !!', text: 'x' },
    { threadId, clientId: clientId(), text: '' },
    { threadId, clientId: clientId(), text: '   \n  ' },
    { threadId, clientId: clientId(), text: 'x'.repeat(LIMITS.messageTextMax + 1) },
    { threadId, clientId: clientId(), text: 12 },
    { threadId, clientId: clientId(), text: 'x', private: 'yes' },
    { threadId, after: 'abc' },
    { threadId, before: '1-2-3' },
    { threadId, limit: 0 },
    { threadId, limit: LIMITS.pageSizeMax + 1 },
    { threadId, upTo: 'latest' },
    { threadId, typing: 'yes' },
    { threadId, status: 'archived' },
    { threadId, assigneeId: 'nobody' },
    { kind: 'surgery' },
    { kind: 'doctor' },
    { kind: 'doctor', doctorId: UNKNOWN_THREAD },
    { status: 'nope' },
    { assignee: 'everyone' },
    { before: -1 },
  ];
}

async function digest(): Promise<string> {
  return (await redis.call('DEBUG', 'DIGEST')) as string;
}

function emitRaw(socket: { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> }, event: string, payload: unknown) {
  return (payload === undefined ? socket.emitWithAck(event) : socket.emitWithAck(event, payload)) as Promise<{ ok?: unknown; error?: { code: string; message: string } }>;
}

for (const [side, events] of [['visitor', Object.keys(VISITOR_REQUESTS)], ['staff', Object.keys(STAFF_REQUESTS)]] as const) {
  test(`every ${side} event answers malformed payloads with a coded error, stays connected and stores nothing`, async () => {
    const socket = (side === 'visitor' ? patient.socket : admin) as unknown as Parameters<typeof emitRaw>[0] & { connected: boolean };
    const before = await digest();
    let rejected = 0;
    for (const event of events) {
      for (const payload of [...GENERIC_BAD, ...threadBad()]) {
        const answer = await emitRaw(socket, event, payload);
        if (answer.ok !== undefined) continue; // e.g. {} is a valid thread:list request
        assert.match(answer.error!.code, /^[A-Z_]+$/, `${event} ${JSON.stringify(payload)}`);
        assert.equal(typeof answer.error!.message, 'string');
        rejected += 1;
      }
    }
    assert.ok(rejected > events.length * GENERIC_BAD.length, `only ${rejected} rejections`);
    assert.equal(socket.connected, true);
    assert.equal(await digest(), before, 'the store changed');
    // The connection still works.
    const request = { threadId: threadId as ThreadId };
    const page = side === 'visitor' ? await ok(patient.socket, 'message:history', request) : await ok(admin, 'message:history', request);
    assert.equal(page.messages.length, 1);
  });
}

test('specific bad inputs get their specific codes', async () => {
  const send = (text: unknown) => emitRaw(patient.socket as never, 'message:send', { threadId, clientId: clientId(), text });
  assert.equal((await send('')).error?.code, 'TEXT_EMPTY');
  assert.equal((await send('x'.repeat(LIMITS.messageTextMax + 1))).error?.code, 'TEXT_TOO_LONG');
  assert.equal((await emitRaw(patient.socket as never, 'message:send', { threadId: 'nope', clientId: clientId(), text: 'x' })).error?.code, 'BAD_ID');
  assert.equal((await emitRaw(patient.socket as never, 'message:send', { threadId: UNKNOWN_THREAD, clientId: clientId(), text: 'x' })).error?.code, 'NOT_FOUND');
  assert.equal((await emitRaw(patient.socket as never, 'no:such:event', {})).error?.code, 'UNKNOWN_EVENT');
  assert.equal((await emitRaw(patient.socket as never, 'thread:open', { kind: 'general', extra: 1 })).error?.code, 'BAD_REQUEST');
});

test('an event sent without an ack callback still gets its error, as an event:error', async () => {
  const arrives = nextEvent<EventErrorPayload>(patient.socket, 'event:error', (e) => e.event === 'typing');
  (patient.socket as unknown as { emit(event: string, payload: unknown): void }).emit('typing', { threadId: 'bad', typing: true });
  const { error } = await arrives;
  assert.equal(error.code, 'BAD_ID');
});

test('a socket that floods is refused with RATE_LIMITED while other sockets go on', async () => {
  const limited = await startTestRelay({ env: { SOCKET_MESSAGES_PER_10S: '5' } });
  try {
    const flooder = await connectVisitor(limited.url);
    const calm = await connectVisitor(limited.url);
    const { thread } = await ok(flooder.socket, 'thread:open', { kind: 'general' });
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      emitRaw(flooder.socket as never, 'message:send', { threadId: thread.id, clientId: clientId(), text: `m${i}` })));
    assert.equal(answers.filter((a) => a.ok).length, 5);
    assert.ok(answers.slice(5).every((a) => a.error?.code === 'RATE_LIMITED'));
    const other = await ok(calm.socket, 'thread:open', { kind: 'general' });
    await ok(calm.socket, 'message:send', { threadId: other.thread.id, clientId: clientId(), text: 'fine' });
    flooder.socket.close();
    calm.socket.close();
  } finally {
    await limited.stop();
  }
});

test('an overloaded relay refuses new events with a retryable UNAVAILABLE, and retries land once', async () => {
  const busy = await startTestRelay({ env: { MAX_IN_FLIGHT: '1', SOCKET_MESSAGES_PER_10S: '1000' } });
  try {
    const patient = await connectVisitor(busy.url);
    const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
    const outbox = Array.from({ length: 20 }, (_, i) => ({ threadId: thread.id, clientId: clientId(), text: `burst ${i}` }));
    const first = await Promise.all(outbox.map((m) => patient.socket.emitWithAck('message:send', m)));
    const refused = first.filter((a) => a.error);
    assert.ok(refused.length > 0, 'some sends were shed');
    assert.ok(refused.every((a) => a.error?.code === 'UNAVAILABLE'));
    for (const m of outbox) await ok(patient.socket, 'message:send', m);
    const page = await ok(patient.socket, 'message:history', { threadId: thread.id });
    assert.deepEqual(page.messages.map((m) => ('text' in m ? m.text : '')).sort(), outbox.map((m) => m.text).sort());
    patient.socket.close();
  } finally {
    await busy.stop();
  }
});
