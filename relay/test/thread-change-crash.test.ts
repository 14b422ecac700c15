/**
 * A status change is one atomic step in Redis: status, system message and the record of
 * its action id. Here the relay process dies right after that step ran and before it
 * could index the inbox, fan out or ack — a real crash point, made exact by pausing
 * Redis writes until the relay's script is queued, freezing the relay (SIGSTOP), letting
 * the script run, and then killing the frozen relay.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { newActionId, newClientMessageId, type ClinicId, type ThreadId } from '../../protocol/ids.ts';
import type { StaffThread } from '../../protocol/model.ts';
import { startTestRedis, TEST_PASSWORD } from '../testing/harness.ts';
import { spawnRelay, type RelayProcess } from '../testing/relay-process.ts';
import { freePort, type LocalRedis } from '../store/local-redis-server.ts';
import { keys } from '../store/keys.ts';
import { STORE_CONNECTION_NAME } from '../store/redis-client.ts';
import { call, connectStaff, connectVisitor, nextEvent, ok } from '../testing/clients.ts';

const PAUSE_MS = 30_000;
const QUEUED_POLL_MS = 20;

let redis: LocalRedis;
let control: Redis;
before(async () => {
  redis = await startTestRedis();
  control = new Redis(redis.url);
});
after(async () => {
  control.disconnect();
  await redis.stop();
});

/**
 * Resolves once the stores' connection has a script call held by CLIENT PAUSE (flag b,
 * command evalsha) — not the per-sender budget's or a queue worker's, on connections of their own.
 */
async function scriptQueued(): Promise<void> {
  const held = (line: string) => /\bflags=b\b/.test(line) && /\bcmd=evalsha\b/.test(line) && line.includes(` name=${STORE_CONNECTION_NAME} `);
  for (;;) {
    const list = (await control.call('CLIENT', 'LIST')) as string;
    if (list.split('\n').some(held)) return;
    // Redis has no event for a command being held by a pause; poll its client list.
    await new Promise((resolve) => setTimeout(resolve, QUEUED_POLL_MS));
  }
}

test("a relay killed right after a status change's atomic step leaves the change and its system message together, and the retry with the same action id repairs inbox and fan-out without a second message", async (t) => {
  const relays: RelayProcess[] = [];
  t.after(async () => {
    await control.call('CLIENT', 'UNPAUSE');
    for (const relay of relays) await relay.signal('SIGKILL');
  });
  const port = await freePort();
  // The per-sender budget is one more script call per event, held by the pause before the
  // change could be sent: this test is about the change's crash point, so it runs without.
  const env = { SENDER_LIMITS: 'off' };
  relays.push(await spawnRelay(t, { redisUrl: redis.url, port, env }));
  const first = relays[0]!;
  const patient = await connectVisitor(first.url);
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: 'Can I book?' });
  const admin = await connectStaff(first.url, 'admin@demo.clinic', TEST_PASSWORD);
  // Redis has run the change script once (a no-op), so the held call below is the script itself, not a NOSCRIPT round.
  await ok(admin, 'thread:complaint', { threadId: thread.id, complaint: false, actionId: newActionId() });

  const stream = keys.threadStream(thread.id);
  const subscriber = new Redis(redis.url);
  t.after(() => subscriber.disconnect());
  // Subscribing before the connection's ready check would race it (INFO is refused in subscriber mode).
  await once(subscriber, 'ready');
  await control.config('SET', 'notify-keyspace-events', 'Kt');
  await subscriber.subscribe(`__keyspace@0__:${stream}`);
  const appended = once(subscriber, 'message');

  const actionId = newActionId();
  await control.call('CLIENT', 'PAUSE', String(PAUSE_MS), 'WRITE');
  const firstAttempt = call(admin, 'thread:status', { threadId: thread.id, status: 'solved', actionId }).then(
    () => 'answered',
    () => 'lost',
  );
  await scriptQueued();
  process.kill(first.pid, 'SIGSTOP');
  await control.call('CLIENT', 'UNPAUSE');
  await appended;
  assert.equal((await first.signal('SIGKILL')).code, null);
  admin.close();
  patient.socket.close();
  assert.equal(await firstAttempt, 'lost', 'the first attempt was never answered');

  // The crash point is real: the change and its message are stored, the inbox is stale.
  const clinicId = (await control.hget(keys.threadMeta(thread.id), 'clinicId')) as ClinicId;
  assert.equal(await control.hget(keys.threadMeta(thread.id), 'status'), 'solved');
  const systemEntries = async () => (await control.xrange(stream, '-', '+')).filter(([, fields]) => fields[1] === 'y').length;
  assert.equal(await systemEntries(), 1);
  assert.notEqual(await control.zscore(keys.inbox(clinicId, 'all', 'open'), thread.id), null);
  assert.equal(await control.zscore(keys.inbox(clinicId, 'all', 'solved'), thread.id), null);

  relays.push(await spawnRelay(t, { redisUrl: redis.url, port, env }));
  const second = relays[1]!;
  const owner = await connectStaff(second.url, 'owner@demo.clinic', TEST_PASSWORD);
  const again = await connectStaff(second.url, 'admin@demo.clinic', TEST_PASSWORD);
  t.after(() => {
    owner.close();
    again.close();
  });
  const delivered = nextEvent<StaffThread>(owner, 'thread:update', (update) => update.id === thread.id);
  const retry = await ok(again, 'thread:status', { threadId: thread.id, status: 'solved', actionId });
  assert.equal(retry.thread.status, 'solved');
  assert.equal((await delivered).status, 'solved', 'colleagues learn of the change on the retry');
  assert.equal(await systemEntries(), 1, 'the retry adds no second system message');
  const listed = async (status: 'open' | 'solved') =>
    (await ok(again, 'inbox:list', { status })).threads.some((listedThread) => listedThread.id === (thread.id as ThreadId));
  assert.equal(await listed('solved'), true);
  assert.equal(await listed('open'), false);
});
