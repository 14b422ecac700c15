/**
 * The whole relay on a real 3-master Redis Cluster (issue 14 §2): two relays configured
 * with REDIS_CLUSTER_NODES and the redis-streams adapter, so every client they open — the
 * stores, the sender budgets, BullMQ's queues and workers, the adapter — is a Cluster.
 * A cross-slot MULTI, script or multi-key command fails with CROSSSLOT, which reaches the
 * test as a refused ack, a failed HTTP call or an error line in the relays' log.
 * One file past 300 lines: its tests share one cluster, which takes seconds to start.
 */
import { startWebhookReceiver } from '../testing/webhook-receiver.ts';
import { assertNoneLeft, everythingInRedis } from '../testing/redis-text.ts';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue, QueueEvents } from 'bullmq';
import { pino } from 'pino';
import { API_PREFIX } from '../../protocol/http.ts';
import { REPORTS_PATH } from '../../protocol/reports.ts';
import { newClientMessageId as clientId, type ThreadId } from '../../protocol/ids.ts';
import type { Message } from '../../protocol/model.ts';
import { loadConfig } from '../config.ts';
import { seedDemo } from '../demo-seed.ts';
import { startRelay, type Relay } from '../relay-server.ts';
import { QUEUE_NAME, jobId } from '../notify/notification-queue.ts';
import { notifyKeys } from '../notify/notify-keys.ts';
import type { PatientExport } from '../privacy/patient-export.ts';
import { reviewKeys } from '../reviews/review-keys.ts';
import { WEBHOOK_QUEUE_NAME } from '../reviews/webhook-queue.ts';
import { connectBare, connectTo, type RedisClusterTarget, type RelayRedis } from '../store/redis-client.ts';
import { keyspaceServers } from '../store/scan-keys.ts';
import { logSink, TEST_PASSWORD } from '../testing/harness.ts';
import { startNoticeSink, type NoticeSink } from '../testing/notice-sink.ts';
import { startRedisCluster, type RedisCluster } from '../testing/redis-cluster.ts';
import { signedPatient } from '../testing/signed-patient.ts';
import { connectStaff, connectVisitor, login, nextEvent, ok, type StaffSocket, type VisitorConnection } from '../testing/clients.ts';

let cluster: RedisCluster;
let target: RedisClusterTarget;
let redis: RelayRedis;
let sink: NoticeSink;
const relays: Relay[] = [];
const logs = logSink();
const dataDir = mkdtempSync(join(tmpdir(), 'clinic-chat-cluster-relay-'));
const sockets: { close(): unknown }[] = [];

before(async () => {
  cluster = await startRedisCluster(3);
  target = { nodes: cluster.nodes, tls: false };
  redis = connectTo(target);
  sink = await startNoticeSink(target);
  const env = {
    PORT: '0',
    LOG_LEVEL: 'warn',
    REDIS_CLUSTER_NODES: cluster.nodes.join(','),
    RELAY_ADAPTER: 'redis-streams',
    DATA_DIR: dataDir,
    NOTIFY_PATIENT_AFTER_SECONDS: '1',
    ...sink.env,
  };
  for (let i = 0; i < 2; i += 1) {
    const config = loadConfig(env);
    assert.deepEqual(config.redisCluster?.nodes, cluster.nodes);
    relays.push(await startRelay(config, config.redisCluster!, pino({ level: 'warn' }, logs.stream)));
  }
  // On a cluster a command before the client is ready is refused (UNAVAILABLE), not queued.
  await Promise.all(relays.map((relay) => relay.redisReady()));
  await seedDemo(relays[0]!.stores, relays[0]!.port, TEST_PASSWORD);
});

after(async () => {
  for (const socket of sockets) socket.close();
  for (const relay of relays) await relay.close();
  await sink?.close();
  redis?.disconnect();
  await cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function patientOn(relay: Relay): Promise<VisitorConnection> {
  const patient = await connectVisitor(relay.url);
  sockets.push(patient.socket);
  return patient;
}

async function staffOn(relay: Relay, email: string): Promise<StaffSocket> {
  const socket = await connectStaff(relay.url, email, TEST_PASSWORD);
  sockets.push(socket);
  return socket;
}

async function ownerFetch(relay: Relay, path: string, init: RequestInit = {}) {
  const { cookie } = await login(relay.url, 'owner@demo.clinic', TEST_PASSWORD);
  return fetch(`${relay.url}${API_PREFIX}${path}`, { ...init, headers: { cookie, 'content-type': 'application/json', ...init.headers } });
}

const errorLines = () =>
  logs
    .logged()
    .split('\n')
    .filter((line) => line && (JSON.parse(line) as { level: number }).level >= 50);

test('two relays on a 3-master cluster: a patient and staff talk across them, a notice goes out once, counts, search, settings, export and erasure work', async () => {
  const [a, b] = relays as [Relay, Relay];
  const word = `пломба${Date.now().toString(36)}`;
  const patient = await patientOn(a);
  await ok(patient.socket, 'visitor:identify', { name: 'Кластер Кластерович', email: 'cluster.patient@example.org' });
  const signed = await signedPatient({ url: a.url, password: TEST_PASSWORD }, 'crm-cluster-1');
  await ok(patient.socket, 'visitor:identify', signed);
  await ok(patient.socket, 'visitor:contact', { email: 'cluster.notify@example.org', consent: true });
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });

  // The patient writes on relay A; staff on relay B get it through the streams adapter.
  const admin = await staffOn(b, 'admin@demo.clinic');
  const before = (await ok(admin, 'inbox:counts', {})).counts;
  const arrived = nextEvent<Message>(admin, 'message', (message) => message.threadId === thread.id);
  const text = `Выпала ${word}, что делать?`;
  const sent = await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text });
  assert.equal((await arrived).id, sent.id);
  const counts = (await ok(admin, 'inbox:counts', {})).counts;
  assert.equal(counts.awaiting, before.awaiting! + 1);
  assert.equal(counts.open, before.open! + 1);

  // Staff reply on B, the patient sees it on A; after the patient left, a reply makes one notice.
  const reply = nextEvent<Message>(patient.socket, 'message', (message) => message.threadId === thread.id && message.type === 'text');
  await ok(admin, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Приходите сегодня в 15:00' });
  assert.equal((await reply).threadId, thread.id);
  patient.socket.close();
  const mail = sink.next((item) => item.to.includes('cluster.notify@example.org'));
  const outcomes: string[] = [];
  const done = new Promise<void>((resolve) => {
    for (const relay of relays)
      relay.notices.on('outcome', (kind, threadId, outcome) => {
        if (threadId !== thread.id) return;
        outcomes.push(`${kind} ${outcome}`);
        resolve();
      });
  });
  // Both relays' staff reply: each schedules the patient's notice, one job remains.
  const owner = await staffOn(a, 'owner@demo.clinic');
  await ok(admin, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Ждём вас' });
  await ok(owner, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Ждём вас, регистратура' });
  await Promise.all([mail, done]);
  // The job ran and was removed; none is left in any state, so no second notice can follow.
  const connection = connectBare(target, { maxRetriesPerRequest: 3 });
  const queue = new Queue(QUEUE_NAME, { connection, prefix: notifyKeys.queuePrefix });
  try {
    assert.equal(await queue.getJob(jobId('patient-notice', thread.id as ThreadId)), undefined);
    assert.deepEqual(await queue.getJobCounts('waiting', 'delayed', 'active', 'failed'), { waiting: 0, delayed: 0, active: 0, failed: 0 });
  } finally {
    await queue.close();
    connection.disconnect();
  }
  assert.deepEqual(outcomes, ['patient-notice sent']);
  assert.equal(sink.caught.filter((item) => item.to.includes('cluster.notify@example.org')).length, 1);

  // Search finds the message and the patient's name, from either relay.
  const hits = (await ok(owner, 'inbox:search', { query: word })).hits;
  assert.deepEqual(
    hits.map((hit) => hit.thread.id),
    [thread.id],
  );
  assert.ok((await ok(admin, 'inbox:search', { query: 'Кластерович' })).hits.some((hit) => hit.thread.id === thread.id));

  // Clinic settings (the clinic hash and the queue's {c:ID} hash) change on A and read on B.
  await ok(owner, 'clinic:update', { name: 'Кластерная клиника' });
  await ok(owner, 'queue:update', { waitTargetMinutes: 7 });
  const ownerOnB = await staffOn(b, 'owner@demo.clinic');
  assert.equal((await ok(ownerOnB, 'clinic:get', {})).clinic.name, 'Кластерная клиника');
  assert.equal((await ok(ownerOnB, 'queue:get', {})).settings.waitTargetMinutes, 7);

  // A second device on B, verified as the same patient, joins the history: single-key steps over the slots of two visitors and a thread.
  const phone = await patientOn(b);
  const phoneThread = (await ok(phone.socket, 'thread:open', { kind: 'general' })).thread;
  const phoneVisitorId = (await ok(admin, 'thread:get', { threadId: phoneThread.id })).thread.patient.id;
  assert.ok((await ok(phone.socket, 'visitor:identify', signed)).token);

  // Export on B, erasure on A: nothing of the patient (nor of the device that joined) is left on any master.
  const visitorId = (await ok(admin, 'thread:get', { threadId: thread.id })).thread.patient.id;
  assert.equal((await ok(admin, 'thread:get', { threadId: phoneThread.id })).thread.patient.id, visitorId);
  const exported = await ownerFetch(b, `/patients/${visitorId}/export`);
  assert.equal(exported.status, 200);
  const data = (await exported.json()) as PatientExport;
  assert.ok(data.threads.some((t) => t.id === thread.id && t.messages.some((m) => m.type === 'text' && m.text === text)));
  const needles = [visitorId, thread.id, word, 'Кластерович', 'cluster.patient', patient.token, 'crm-cluster-1', phoneVisitorId, phoneThread.id];
  const stored = await everythingInRedis(redis);
  for (const needle of needles.slice(0, 4)) assert.ok(stored.includes(needle), `${needle} was stored`);
  assert.equal((await ownerFetch(a, `/patients/${visitorId}/erase`, { method: 'POST', body: '{}' })).status, 204);
  const left = await everythingInRedis(redis);
  assertNoneLeft(left, needles);

  // The keys spread over the masters, and no relay logged a Redis error (CROSSSLOT included).
  const sizes = await Promise.all(keyspaceServers(redis).map((server) => server.dbsize()));
  assert.ok(sizes.filter((size) => size > 0).length >= 2, `keys on several masters: ${sizes.join(', ')}`);
  assert.deepEqual(errorLines(), []);
});

test('on the cluster, an API key works until revoked (and reads the report), a new colleague is listed and signed out on deactivation, and the two relays keep one retention schedule and one unsent-upload sweep', async () => {
  const [a, b] = relays as [Relay, Relay];
  const owner = await staffOn(a, 'owner@demo.clinic');
  const today = new Date().toISOString().slice(0, 10);
  const report = (key: string) => fetch(`${b.url}${REPORTS_PATH}?from=${today}&to=${today}`, { headers: { authorization: `Bearer ${key}` } });
  const { keyId, key } = await ok(owner, 'integration:key-create', { label: 'back office' });
  assert.ok((await ok(owner, 'integration:keys', {})).keys.some((listed) => listed.keyId === keyId));
  assert.equal((await report(key)).status, 200);
  await ok(owner, 'integration:key-revoke', { keyId });
  assert.equal((await report(key)).status, 401);
  assert.ok(!(await ok(owner, 'integration:keys', {})).keys.some((listed) => listed.keyId === keyId));

  const { member, password } = await ok(owner, 'staff:add', { email: 'cluster.temp@demo.clinic', name: 'Temp', role: 'doctor' });
  assert.ok((await ok(owner, 'staff:list', {})).staff.some((listed) => listed.id === member.id));
  const colleague = await connectStaff(b.url, 'cluster.temp@demo.clinic', password);
  sockets.push(colleague);
  const ended = nextEvent<{ reason: string }>(colleague, 'session:end');
  await ok(owner, 'staff:update', { staffId: member.id, active: false });
  assert.equal((await ended).reason, 'deactivated');
  await assert.rejects(login(a.url, 'cluster.temp@demo.clinic', password));

  // Each relay upserts the same scheduler on the shared {retention} and {unsent-sweep} queues.
  const connection = connectBare(target, { maxRetriesPerRequest: 3 });
  for (const name of ['retention', 'unsent-sweep']) {
    const scheduled = new Queue(name, { connection, prefix: `{${name}}` });
    try {
      assert.equal((await scheduled.getJobSchedulers()).length, 1, name);
    } finally {
      await scheduled.close();
    }
  }
  connection.disconnect();
  assert.deepEqual(errorLines(), []);
});

test('on the cluster, the CLI sets a webhook and makes an API key, a review conversation opens, and its webhook is delivered once by one of the two relays', async (t) => {
  const cli = (args: string[]) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'relay/cli.ts', ...args], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      env: { ...process.env, REDIS_URL: '', REDIS_CLUSTER_NODES: cluster.nodes.join(',') },
    });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout.trim().split('\n');
  };
  const receiver = await startWebhookReceiver();
  t.after(() => receiver.close());
  cli(['clinic', 'webhook', '--clinic', 'demo', '--url', receiver.url]);
  const key = cli(['clinic', 'api-key', '--clinic', 'demo']).at(-1)!;

  // BullMQ's own event stream on the cluster says when the delivery job completed.
  const eventsConnection = connectBare(target, { maxRetriesPerRequest: null });
  // From the stream's start: this file's cluster holds no other webhook job, and an event
  // written before the first read is not missed.
  const queueEvents = new QueueEvents(WEBHOOK_QUEUE_NAME, { connection: eventsConnection, prefix: reviewKeys.webhookQueuePrefix, lastEventId: '0-0' });
  t.after(async () => {
    await queueEvents.close();
    eventsConnection.disconnect();
  });
  const completed = new Promise((resolve) => queueEvents.once('completed', resolve));

  const reviewId = `cluster-${process.pid}`;
  const opened = await fetch(`${relays[1]!.url}/api/v1/review-conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'authorization': `Bearer ${key}` },
    body: JSON.stringify({
      review: { id: reviewId, url: `https://reviews.example/${reviewId}`, rating: 2, text: 'Долго ждали', publishedAt: '2024-05-01T10:00:00Z' },
      contact: {},
      message: 'Здравствуйте! Давайте разберёмся.',
    }),
  });
  assert.equal(opened.status, 201, await opened.clone().text());
  await Promise.all([receiver.arrived(1), completed]);
  const event = JSON.parse(receiver.received[0]!.body) as { id: string; type: string };
  assert.equal(event.type, 'review.conversation_started');

  // The job completed and no other is left in any state, so no second delivery can follow.
  const connection = connectBare(target, { maxRetriesPerRequest: 3 });
  const webhooks = new Queue(WEBHOOK_QUEUE_NAME, { connection, prefix: reviewKeys.webhookQueuePrefix });
  try {
    assert.deepEqual(await webhooks.getJobCounts('waiting', 'delayed', 'active', 'failed'), { waiting: 0, delayed: 0, active: 0, failed: 0 });
  } finally {
    await webhooks.close();
    connection.disconnect();
  }
  assert.equal(receiver.received.length, 1);
  assert.deepEqual(errorLines(), []);
});
