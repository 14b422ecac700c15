import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { newClientMessageId as clientId, type ThreadId } from '../../protocol/ids.ts';
import { startTestRelay, TEST_PASSWORD, type TestRelay } from '../testing/harness.ts';
import { call, connectVisitor, ok, type VisitorConnection } from '../testing/clients.ts';

const SENDER_MESSAGES = 30;

/** A relay with the demo clinic and a second, calm one; everything opened is closed after the test. */
async function relayWithCalmClinic(t: TestContext, env: Record<string, string>) {
  const relay: TestRelay = await startTestRelay({ env: { VISITOR_HANDSHAKES_PER_MIN: '1000', ...env } });
  const sockets: { close(): unknown }[] = [];
  t.after(async () => {
    for (const socket of sockets) socket.close();
    await relay.stop();
  });
  const other = await relay.stores.clinics.create({
    siteKey: 'calm-clinic',
    name: 'Calm',
    greeting: '',
    locale: 'en',
    origins: [relay.url],
    bookingUrl: null,
    officeHours: null,
  });
  await relay.stores.staff.create({ clinicId: other.id, email: 'admin@calm.clinic', name: 'Calm Admin', role: 'admin', password: TEST_PASSWORD });
  return {
    async patient(siteKey: string, token?: string): Promise<VisitorConnection> {
      const connection = await connectVisitor(relay.url, token ? { siteKey, token } : { siteKey });
      sockets.push(connection.socket);
      return connection;
    },
  };
}

test('one visitor token on 50 sockets is held to its limit while another clinic’s patient is answered', async (t) => {
  const { patient } = await relayWithCalmClinic(t, { SENDER_MESSAGES_PER_10S: String(SENDER_MESSAGES) });
  const first = await patient('demo');
  const { thread } = await ok(first.socket, 'thread:open', { kind: 'general' });
  const tabs = [first];
  while (tabs.length < 50) tabs.push(await patient('demo', first.token));
  const calm = await patient('calm-clinic');
  const calmThread = (await ok(calm.socket, 'thread:open', { kind: 'general' })).thread;

  // Two messages per socket: each socket stays far below its own limit of 30. Past the
  // sender's refusals, a socket is cut off at its next one (its other send then has no answer).
  const flood = Promise.all(
    tabs.flatMap((tab, i) =>
      [0, 1].map((j) =>
        call(tab.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: `flood ${i}.${j}` }).catch(() => ({
          error: { code: 'DISCONNECTED' },
        })),
      ),
    ),
  );
  // One at a time, so the calm clinic's own in-flight count stays within its budget.
  for (let i = 0; i < 10; i++) await ok(calm.socket, 'message:send', { threadId: calmThread.id, clientId: clientId(), text: `calm ${i}` });
  const answers = await flood;

  const accepted = answers.filter((a) => 'ok' in a && a.ok).length;
  assert.ok(accepted <= SENDER_MESSAGES, `${accepted} accepted`);
  assert.ok(answers.every((a) => ('ok' in a && a.ok) || ['RATE_LIMITED', 'UNAVAILABLE', 'DISCONNECTED'].includes(a.error?.code ?? '')));
  assert.ok(answers.some((a) => a.error?.code === 'RATE_LIMITED'));
  // A send whose socket was cut off may have been stored unanswered: the budget still holds.
  const reader = await patient('demo', first.token);
  const stored = await ok(reader.socket, 'message:history', { threadId: thread.id });
  assert.ok(stored.messages.length >= accepted && stored.messages.length <= SENDER_MESSAGES, `${stored.messages.length} stored`);
  assert.equal((await ok(calm.socket, 'message:history', { threadId: calmThread.id })).messages.length, 10);
});

test('a clinic flooding past its in-flight budget gets UNAVAILABLE; another clinic is never refused meanwhile', async (t) => {
  // One clinic's events in flight are capped low so that its flood fills that budget.
  const { patient } = await relayWithCalmClinic(t, { MAX_IN_FLIGHT_PER_CLINIC: '4' });
  // Many tokens, so the sender limits do not answer first.
  const flooders: VisitorConnection[] = [];
  const threads: { id: ThreadId }[] = [];
  for (let i = 0; i < 10; i++) {
    flooders.push(await patient('demo'));
    threads.push((await ok(flooders[i]!.socket, 'thread:open', { kind: 'general' })).thread);
  }
  const calm = await patient('calm-clinic');
  const calmThread = (await ok(calm.socket, 'thread:open', { kind: 'general' })).thread;

  const flood = Promise.all(
    flooders.flatMap((f, i) => Array.from({ length: 3 }, (_, j) => call(f.socket, 'typing', { threadId: threads[i]!.id, typing: j % 2 === 0 }))),
  );
  const calmAnswers = [];
  for (let i = 0; i < 10; i++) calmAnswers.push(await call(calm.socket, 'message:send', { threadId: calmThread.id, clientId: clientId(), text: `calm ${i}` }));
  const answers = await flood;
  assert.ok(
    answers.some((a) => a.error?.code === 'UNAVAILABLE'),
    'the flooding clinic was shed',
  );
  assert.deepEqual(
    calmAnswers.map((a) => a.error?.code ?? 'ok'),
    Array(10).fill('ok'),
  );
});

test('an address holding its connection limit is refused a new one until one closes', async (t) => {
  const { patient } = await relayWithCalmClinic(t, { CONNECTIONS_PER_ADDRESS: '70' });
  const held: VisitorConnection[] = [];
  while (held.length < 70) held.push(await patient('demo'));
  await assert.rejects(patient('demo'));
  held[0]!.socket.close();
  // The engine counts the close on its own tick; a new handshake then fits.
  let again: VisitorConnection | null = null;
  for (let attempt = 0; attempt < 50 && !again; attempt++) again = await patient('demo').catch(() => null);
  assert.ok(again);
});
