/**
 * A master of a real Redis Cluster (3 masters, a replica each) dies under a running relay
 * (issue 14 §2): its replica takes over, the relay follows without a restart, answers
 * UNAVAILABLE meanwhile, and a client's retry with the same client id is stored once.
 * The message sent before the crash is replicated first (WAIT), since a failover may lose
 * what was acknowledged but not yet replicated (relay/README.md, "What a failover can lose").
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { newClientMessageId as clientId } from '../../protocol/ids.ts';
import { loadConfig } from '../config.ts';
import { seedDemo } from '../demo-seed.ts';
import { startRelay, type Relay } from '../relay-server.ts';
import { keys } from '../store/keys.ts';
import type { LocalRedis } from '../store/local-redis-server.ts';
import { logSink, TEST_PASSWORD } from '../testing/harness.ts';
import { startRedisCluster, type RedisCluster } from '../testing/redis-cluster.ts';
import { call, connectStaff, connectVisitor, ok, type VisitorConnection } from '../testing/clients.ts';

/** How long the test lets a failover take: node timeout 2 s, election, and ioredis's slot refresh. */
const FAILOVER_LIMIT_MS = 30_000;
/** Between retries of a refused send, as a client's outbox backs off. */
const RETRY_MS = 200;

let cluster: RedisCluster;
let relay: Relay;
const logs = logSink();
const sockets: { close(): unknown }[] = [];

before(async () => {
  cluster = await startRedisCluster(3, 1);
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'warn', REDIS_CLUSTER_NODES: cluster.nodes.join(',') });
  relay = await startRelay(config, config.redisCluster!, pino({ level: 'warn' }, logs.stream));
  await relay.redisReady();
  await seedDemo(relay.stores, relay.port, TEST_PASSWORD);
});

after(async () => {
  for (const socket of sockets) socket.close();
  await relay?.close();
  await cluster?.stop();
});

/** The master holding `key`: the only node that answers for it (the others answer MOVED). */
async function ownerOf(key: string): Promise<{ server: LocalRedis; client: Redis }> {
  for (const server of cluster.servers) {
    const client = new Redis(server.port, '127.0.0.1', { maxRetriesPerRequest: 0 });
    const owns = await client.exists(key).then(
      (count) => count === 1,
      () => false,
    );
    if (owns && (await client.role())[0] === 'master') return { server, client };
    client.disconnect();
  }
  throw new Error(`no master holds ${key}`);
}

/** Sends until the relay takes it, as a client's outbox does: the same client id every time. */
async function sendWithRetries(patient: VisitorConnection, threadId: string, id: string, text: string) {
  const deadline = Date.now() + FAILOVER_LIMIT_MS;
  const refusals = new Set<string>();
  for (;;) {
    const ack = await call(patient.socket, 'message:send', { threadId: threadId as never, clientId: id as never, text });
    if (!ack.error) return { ack, refusals };
    refusals.add(ack.error.code);
    assert.ok(ack.error.code === 'UNAVAILABLE', `only UNAVAILABLE while failing over, got ${ack.error.code}`);
    assert.ok(Date.now() < deadline, 'the relay did not recover from the failover in time');
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

test('a master dies: its replica takes over, the relay follows without a restart, and a retried send is stored once', async () => {
  const patient = await connectVisitor(relay.url);
  sockets.push(patient.socket);
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  const before = await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'до сбоя' });

  // Replicate what the master has (WAIT counts from this connection's last write), then kill it.
  const owner = await ownerOf(keys.threadMeta(thread.id));
  await owner.client.set(`{t:${thread.id}}:failover-probe`, '1', 'PX', 1);
  assert.equal(await owner.client.wait(1, 5_000), 1, 'the replica has the thread');
  owner.client.disconnect();
  process.kill(owner.server.pid!, 'SIGKILL');

  const id = clientId();
  const { ack } = await sendWithRetries(patient, thread.id, id, 'после сбоя');
  const again = await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: id, text: 'после сбоя' });
  assert.equal(again.id, ack.ok.id, 'the retry is answered from the de-duplication hash');

  const history = await ok(patient.socket, 'message:history', { threadId: thread.id });
  const texts = history.messages.flatMap((message) => (message.type === 'text' ? [message.text] : []));
  assert.deepEqual(texts, ['до сбоя', 'после сбоя']);
  assert.ok(history.messages.some((message) => message.id === before.id));

  // Staff see it too: the clinic's inbox keys may live on any master.
  const admin = await connectStaff(relay.url, 'admin@demo.clinic', TEST_PASSWORD);
  sockets.push(admin);
  const inbox = await ok(admin, 'inbox:list', { status: 'open', limit: 50 });
  assert.ok(inbox.threads.some((listed) => listed.id === thread.id));
  // The dead node is logged, once per client per minute at most, with no command text.
  const lines = logs.logged();
  assert.match(lines, /a redis cluster node is unreachable/);
  assert.ok(!lines.includes('после сбоя'));
});
