/**
 * `/readyz` on a real 3-master Redis Cluster (issue 14 §2): every master must answer, since
 * a thread whose slot is on a master that does not cannot be served. A stopped master
 * (SIGSTOP: its connections stay open and nothing answers) makes the probe answer 503
 * within its timeout; once it runs again the probe says 200; a killed master, 503 at once.
 * The relay then still closes: a BullMQ worker whose queue's slot was on the dead master
 * used to wait forever for its blocking read (store/durable-queue.ts).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { pino } from 'pino';
import { loadConfig } from '../config.ts';
import { READY_TIMEOUT_MS } from '../http/health-routes.ts';
import { startRelay, type Relay } from '../relay-server.ts';
import { startRedisCluster, type RedisCluster } from '../testing/redis-cluster.ts';

/** What a probe may take beyond the timeout: the HTTP round trip on a busy machine. */
const PROBE_SLACK_MS = 500;
/** A relay's close with a master gone: its queues' workers must not wait for a blocking read on that master. */
const CLOSE_LIMIT_MS = 3_000;
/** How long a master that runs again may take to answer the probe (its node-timeout is 2 s). */
const RECOVERY_LIMIT_MS = 10_000;

let cluster: RedisCluster;
let relay: Relay;
let closed = false;

before(async () => {
  cluster = await startRedisCluster(3);
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', REDIS_CLUSTER_NODES: cluster.nodes.join(',') });
  relay = await startRelay(config, config.redisCluster!, pino({ level: 'silent' }));
  await relay.redisReady();
});

after(async () => {
  if (!closed) await relay?.close();
  await cluster?.stop();
});

async function probe(): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${relay.url}/readyz`);
  await response.body?.cancel();
  return { status: response.status, ms: performance.now() - started };
}

/** Probes until `status`, as a load balancer's health check does. */
async function probeUntil(status: number, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while ((await probe()).status !== status) assert.ok(Date.now() < deadline, `/readyz did not say ${status} within ${limitMs} ms`);
}

test('/readyz on a cluster: 200 with every master up, 503 within its timeout while one master is stopped, 200 once it runs again, 503 when one is killed (and the relay still closes at once)', async () => {
  assert.equal((await probe()).status, 200);
  const [stopped, killed] = cluster.servers as [(typeof cluster.servers)[0], (typeof cluster.servers)[0]];

  process.kill(stopped.pid!, 'SIGSTOP');
  try {
    const { status, ms } = await probe();
    assert.equal(status, 503);
    assert.ok(ms < READY_TIMEOUT_MS + PROBE_SLACK_MS, `answered in ${Math.round(ms)} ms`);
  } finally {
    process.kill(stopped.pid!, 'SIGCONT');
  }
  await probeUntil(200, RECOVERY_LIMIT_MS);

  process.kill(killed.pid!, 'SIGKILL');
  const { status, ms } = await probe();
  assert.equal(status, 503);
  assert.ok(ms < READY_TIMEOUT_MS + PROBE_SLACK_MS, `answered in ${Math.round(ms)} ms`);

  closed = true;
  const late = new AbortController();
  const finished = await Promise.race([relay.close().then(() => true), delay(CLOSE_LIMIT_MS, false, { signal: late.signal })]);
  late.abort();
  assert.ok(finished, `the relay did not close within ${CLOSE_LIMIT_MS} ms`);
});
