import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { io } from 'socket.io-client';
import { NAMESPACES, STAFF_REQUESTS, VISITOR_REQUESTS } from '../../protocol/events.ts';
import { ERRORS, type ErrorCode } from '../../protocol/errors.ts';
import { LIMITS } from '../../protocol/limits.ts';
import { newClientMessageId as clientId, type ThreadId } from '../../protocol/ids.ts';
import type { EventErrorPayload } from '../../protocol/events.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { connectStaff, connectVisitor, login, nextEvent, ok, type StaffSocket, type VisitorConnection } from '../testing/clients.ts';
import { SENDER_COUNTERS, storeSnapshot } from '../testing/store-snapshot.ts';

let relay: TestRelay;
let redis: Redis;
let patient: VisitorConnection;
let owner: StaffSocket;
let threadId: string;
const UNKNOWN_THREAD = 'AAAAAAAAAAAAAAAAAAAAAA';

before(async () => {
  relay = await startTestRelay({ env: { SOCKET_EVENTS_PER_10S: '100000', SOCKET_MESSAGES_PER_10S: '100000', VISITOR_HANDSHAKES_PER_MIN: '100000' } });
  redis = new Redis(relay.redis.url);
  patient = await connectVisitor(relay.url);
  // The owner may call every staff event, so each payload meets every check after the schema.
  owner = await connectStaff(relay.url, 'owner@demo.clinic', relay.password);
  threadId = (await ok(patient.socket, 'thread:open', { kind: 'general' })).thread.id;
  await ok(patient.socket, 'message:send', { threadId: threadId as never, clientId: clientId(), text: 'first' });
});
after(async () => {
  patient.socket.close();
  owner.close();
  redis.disconnect();
  await relay.stop();
});

/** Payloads no event accepts, then ones that are wrong for events that carry a thread. */
const GENERIC_BAD: unknown[] = [
  undefined,
  null,
  42,
  'text',
  [],
  [{}],
  { unexpected: true },
  // An own `__proto__` key, as JSON.parse makes it: a prototype-pollution attempt.
  JSON.parse('{"__proto__":{"threadId":"x"}}'),
];
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

/** The one payload of the tables that some events accept: every field of theirs is optional. */
const EMPTY = {};
const EMPTY_IS_VALID = {
  visitor: ['thread:list', 'visitor:identify', 'visitor:contact-withdraw'],
  staff: [
    'inbox:list',
    'staff:list',
    'clinic:get',
    'clinic:update',
    'answers:list',
    'reviews:settings',
    'reviews:settings-update',
    'webhooks:deliveries',
    'integration:keys',
    'inbox:counts',
    'queue:get',
    'queue:update',
    'push:key',
  ],
} as const;

/** Events whose valid empty payload ends the caller's session ("Forget this device"): their malformed payloads are tested, not `{}` (relay/test/visitor-token-rotation.test.ts tests it). */
const ENDS_SESSION: readonly string[] = ['visitor:forget'];

/** What a refusal for a payload alone may say: the payload's own problem, or a thread that is not there. */
const INPUT_CODES: readonly ErrorCode[] = ['BAD_REQUEST', 'BAD_ID', 'TEXT_EMPTY', 'TEXT_TOO_LONG', 'NOT_FOUND'];

type Answer = { ok?: unknown; error?: { code: string; message: string } };

function emitRaw(socket: { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> }, event: string, payload: unknown) {
  return (payload === undefined ? socket.emitWithAck(event) : socket.emitWithAck(event, payload)) as Promise<Answer>;
}

/** A refusal carries a published code with its published message. */
function assertPublished(error: { code: string; message: string } | undefined, context: string): void {
  assert.ok(error, `${context} was neither accepted nor refused`);
  assert.ok(Object.hasOwn(ERRORS, error.code), `${context}: ${error.code} is not in protocol/errors.ts`);
  assert.equal(error.message, ERRORS[error.code as ErrorCode].message, context);
}

for (const [side, events] of [
  ['visitor', Object.keys(VISITOR_REQUESTS)],
  ['staff', Object.keys(STAFF_REQUESTS)],
] as const) {
  test(`every ${side} event refuses malformed payloads with a published code, stays connected and stores nothing`, async () => {
    const socket = (side === 'visitor' ? patient.socket : owner) as unknown as Parameters<typeof emitRaw>[0] & { connected: boolean };
    // The relays' one Web Push key pair is made on first use (`push:key` with `{}` is valid):
    // key material, not anything a payload carried.
    const ignored = [...SENDER_COUNTERS, 'push:vapid'];
    const before = await storeSnapshot(redis, ignored);
    const accepted: string[] = [];
    for (const event of events) {
      for (const payload of [...GENERIC_BAD, ...threadBad(), ...(ENDS_SESSION.includes(event) ? [] : [EMPTY])]) {
        const context = `${side} ${event} ${JSON.stringify(payload)}`;
        const answer = await emitRaw(socket, event, payload);
        if (answer.ok !== undefined) {
          accepted.push(event);
          assert.equal(payload, EMPTY, `${context} was accepted`);
          continue;
        }
        assertPublished(answer.error, context);
        assert.ok(INPUT_CODES.includes(answer.error!.code as ErrorCode), `${context}: ${answer.error!.code}`);
      }
    }
    assert.deepEqual(accepted, EMPTY_IS_VALID[side], 'the events that take an empty payload');
    assert.equal(socket.connected, true);
    assert.deepEqual(await storeSnapshot(redis, ignored), before, 'the store changed');
    // The connection still works.
    const request = { threadId: threadId as ThreadId };
    const page = side === 'visitor' ? await ok(patient.socket, 'message:history', request) : await ok(owner, 'message:history', request);
    assert.equal(page.messages.length, 1);
  });
}

/** Connects to a namespace and returns the refusal; fails if the handshake is accepted. */
function refusedHandshake(namespace: string, options: { auth?: unknown; origin?: string; cookie?: string }) {
  const headers: Record<string, string> = { origin: options.origin ?? relay.url };
  if (options.cookie) headers.cookie = options.cookie;
  const socket = io(`${relay.url}${namespace}`, {
    auth: options.auth as Record<string, unknown>,
    transports: ['websocket'],
    extraHeaders: headers,
    forceNew: true,
    reconnection: false,
  });
  return new Promise<Error & { data?: { code: string; message: string } }>((resolve, reject) => {
    socket.once('connect', () => {
      socket.close();
      reject(new Error(`the handshake ${JSON.stringify(options)} was accepted`));
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error as Error & { data?: { code: string; message: string } });
    });
  });
}

test('every refused handshake, on either namespace, carries a published code and stores nothing but the address count', async () => {
  const { cookie } = await login(relay.url, 'admin@demo.clinic', relay.password);
  const unknownToken = 'A'.repeat(43);
  const cases: [string, { auth?: unknown; origin?: string; cookie?: string }, ErrorCode][] = [
    [NAMESPACES.visitor, { auth: {} }, 'SITE_KEY_UNKNOWN'],
    [NAMESPACES.visitor, { auth: { siteKey: 42 } }, 'SITE_KEY_UNKNOWN'],
    [NAMESPACES.visitor, { auth: { siteKey: 'Not A Key' } }, 'SITE_KEY_UNKNOWN'],
    [NAMESPACES.visitor, { auth: { siteKey: 'no-such-clinic' } }, 'SITE_KEY_UNKNOWN'],
    [NAMESPACES.visitor, { auth: { siteKey: 'demo' }, origin: 'https://elsewhere.example' }, 'ORIGIN_NOT_ALLOWED'],
    [NAMESPACES.visitor, { auth: { siteKey: 'demo', token: 'too-short' } }, 'TOKEN_INVALID'],
    [NAMESPACES.visitor, { auth: { siteKey: 'demo', token: unknownToken } }, 'TOKEN_INVALID'],
    [NAMESPACES.visitor, { auth: { siteKey: 'demo', page: 'javascript:alert(1)' } }, 'BAD_REQUEST'],
    [NAMESPACES.visitor, { auth: { siteKey: 'demo', timeZone: 'Europe/Moscow; DROP' } }, 'BAD_REQUEST'],
    [NAMESPACES.visitor, { auth: { siteKey: 'demo', admin: true } }, 'BAD_REQUEST'],
    [NAMESPACES.staff, {}, 'AUTH_REQUIRED'],
    [NAMESPACES.staff, { cookie: `${cookie.split('=')[0]}=forged` }, 'AUTH_REQUIRED'],
    [NAMESPACES.staff, { cookie, origin: 'https://elsewhere.example' }, 'CSRF_REJECTED'],
  ];
  // Well-formed visitor handshakes are counted per address before anything else is read.
  const before = await storeSnapshot(redis, ['handshakes-ip:']);
  for (const [namespace, options, code] of cases) {
    const context = `${namespace} ${JSON.stringify(options)}`;
    const error = await refusedHandshake(namespace, options);
    assertPublished(error.data, context);
    assert.equal(error.data!.code, code, context);
    assert.equal(error.message, code, context);
  }
  assert.deepEqual(await storeSnapshot(redis, ['handshakes-ip:']), before, 'a refused handshake changed the store');
});

test('specific bad inputs get their specific codes', async () => {
  const send = (text: unknown) => emitRaw(patient.socket as never, 'message:send', { threadId, clientId: clientId(), text });
  assert.equal((await send('')).error?.code, 'TEXT_EMPTY');
  assert.equal((await send('x'.repeat(LIMITS.messageTextMax + 1))).error?.code, 'TEXT_TOO_LONG');
  assert.equal((await emitRaw(patient.socket as never, 'message:send', { threadId: 'nope', clientId: clientId(), text: 'x' })).error?.code, 'BAD_ID');
  assert.equal(
    (await emitRaw(patient.socket as never, 'message:send', { threadId: UNKNOWN_THREAD, clientId: clientId(), text: 'x' })).error?.code,
    'NOT_FOUND',
  );
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
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => emitRaw(flooder.socket as never, 'message:send', { threadId: thread.id, clientId: clientId(), text: `m${i}` })),
    );
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
