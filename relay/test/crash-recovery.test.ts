import { test, after, before } from 'node:test';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { newClientMessageId, type ClientMessageId, type StreamId } from '../../protocol/ids.ts';
import { startTestRedis, TEST_PASSWORD } from '../testing/harness.ts';
import { spawnRelay } from '../testing/relay-process.ts';
import { keys } from '../store/keys.ts';
import { freePort, type LocalRedis } from '../store/local-redis-server.ts';
import { call, connectStaff, connectVisitor, ok } from '../testing/clients.ts';

let redis: LocalRedis;
before(async () => {
  redis = await startTestRedis();
});
after(async () => {
  await redis.stop();
});

test('after SIGKILL and a restart on the same Redis, history is intact, clients resume, and retried unacked sends land once', async (t) => {
  const port = await freePort();
  const first = await spawnRelay(t, { redisUrl: redis.url, port });
  const patient = await connectVisitor(first.url);
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  const acked: StreamId[] = [];
  for (let i = 0; i < 5; i += 1) {
    acked.push((await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: `acked ${i}` })).id);
  }
  const staffBefore = await connectStaff(first.url, 'admin@demo.clinic', TEST_PASSWORD);
  const lastSeenByStaff = acked.at(-1)!;
  staffBefore.close();

  // In flight when the relay dies: some may be stored, none is known to be.
  const outbox: { clientId: ClientMessageId; text: string }[] = Array.from({ length: 20 }, (_, i) => ({
    clientId: newClientMessageId(),
    text: `in flight ${i}`,
  }));
  // Unanswered sends fail with the socket; the client's outbox still holds them.
  const inFlight = Promise.allSettled(outbox.map((message) => call(patient.socket, 'message:send', { threadId: thread.id, ...message })));
  const killed = await first.signal('SIGKILL');
  assert.equal(killed.code, null);
  patient.socket.close();
  await inFlight;

  const second = await spawnRelay(t, { redisUrl: redis.url, port });
  try {
    const back = await connectVisitor(second.url, { token: patient.token });
    const history = await ok(back.socket, 'message:history', { threadId: thread.id, after: '0-0' as StreamId, limit: 100 });
    assert.deepEqual(
      history.messages.slice(0, 5).map((m) => m.id),
      acked,
    );

    for (const message of outbox) await ok(back.socket, 'message:send', { threadId: thread.id, ...message });
    const staff = await connectStaff(second.url, 'admin@demo.clinic', TEST_PASSWORD);
    const missed = await ok(staff, 'message:history', { threadId: thread.id, after: lastSeenByStaff, limit: 100 });
    const texts = missed.messages.map((m) => ('text' in m ? m.text : ''));
    assert.equal(texts.length, outbox.length, 'each in-flight message exactly once');
    assert.deepEqual([...texts].sort(), outbox.map((m) => m.text).sort());
    back.socket.close();
    staff.close();
  } finally {
    await second.signal('SIGTERM');
  }
});

test('SIGTERM finishes in-flight acknowledgements and exits 0 within 10 seconds; every acked send is stored', async (t) => {
  const relay = await spawnRelay(t, { redisUrl: redis.url, port: await freePort() });
  const patient = await connectVisitor(relay.url);
  t.after(() => patient.socket.close());
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  const pending = Array.from({ length: 10 }, (_, i) =>
    call(patient.socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: `bye ${i}` }),
  );
  // Settled as they end: a send still open when the socket closes rejects ("socket has been
  // disconnected") while the signal is awaited, and unobserved that is an unhandled rejection.
  const settling = Promise.allSettled(pending);
  // The signal lands while the relay is handling the batch, never before it has begun.
  await pending[0];
  const exit = await relay.signal('SIGTERM');
  assert.equal(exit.code, 0);
  assert.ok(exit.ms < 10_000, `took ${exit.ms} ms`);
  // A send the relay had begun handling gets its ack; one that arrived while it was closing
  // gets a retryable UNAVAILABLE; one still on the wire when the socket closed gets no
  // answer at all. The outbox resends the last two under the same client id.
  const settled = await settling;
  const results = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  for (const result of results) assert.ok(result.ok || result.error?.code === 'UNAVAILABLE', JSON.stringify(result));
  const acked = results.flatMap((result) => (result.ok ? [result.ok.id] : []));
  assert.ok(acked.length > 0, 'at least the send answered before the signal was acked');
  const store = new Redis(redis.url);
  t.after(() => store.quit());
  const stored = (await store.xrange(keys.threadStream(thread.id), '-', '+')).map(([id]) => id);
  for (const id of acked) assert.ok(stored.includes(id), `acked ${id} is in the stream`);
});
