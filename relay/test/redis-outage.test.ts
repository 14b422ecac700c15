/**
 * Redis unreachable at any moment, start-up included, never stops the relay: /readyz says
 * 503, sockets get UNAVAILABLE, and the relay recovers by itself when Redis is back. Each
 * outage is one log line and its end another, through pino; ioredis never prints its raw
 * `Unhandled error event` to stderr.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newClientMessageId } from '../../protocol/ids.ts';
import { TEST_PASSWORD } from '../testing/harness.ts';
import { call, connectVisitor, ok } from '../testing/clients.ts';
import { freePort, startLocalRedis, type LocalRedis } from '../store/local-redis-server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** How long a step may take to reach the state it waits for (reconnects back off up to 2 s). */
const STEP_TIMEOUT_MS = 20_000;

/** Resolves once `check` answers true; checks again on each event-loop turn after a short pause. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const readyStatus = async (url: string) => (await fetch(`${url}/readyz`)).status;

test('a relay started with Redis down answers 503 and UNAVAILABLE, recovers by itself twice, and logs each outage once', async (t) => {
  const redisPort = await freePort();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'clinic-chat-outage-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  let redis: LocalRedis | null = null;
  t.after(() => redis?.stop());

  const child = spawn(process.execPath, ['--import', 'tsx', 'relay/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      DEMO_PASSWORD: TEST_PASSWORD,
      LOG_LEVEL: 'info',
      // The streams adapter's connections (its own and the duplicates it makes) are covered too.
      RELAY_ADAPTER: 'redis-streams',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');

  // Start-up with no Redis at all: the process listens and says why it is not ready.
  await until('the relay to listen', async () => (await fetch(`${url}/healthz`)).ok);
  assert.equal(await readyStatus(url), 503);
  await assert.rejects(connectVisitor(url), (error: Error & { data?: { code?: string } }) => error.data?.code === 'UNAVAILABLE');

  // Redis arrives: the demo clinic is seeded then (the banner follows it) and sockets work.
  redis = await startLocalRedis({ dir, port: redisPort });
  await until('the start-up banner', async () => stdout.includes('clinic-chat relay is up'));
  assert.equal(await readyStatus(url), 200);
  const patient = await connectVisitor(url);
  t.after(() => patient.socket.close());
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: 'before the outage' });

  // A later outage: the connected socket's event is refused as retryable, then the same send lands.
  await redis.stop();
  redis = null;
  const retried = { threadId: thread.id, clientId: newClientMessageId(), text: 'during the outage' };
  const refused = await call(patient.socket, 'message:send', retried);
  assert.equal(refused.error?.code, 'UNAVAILABLE');
  assert.equal(await readyStatus(url), 503);
  redis = await startLocalRedis({ dir, port: redisPort });
  await until('readiness after the second outage', async () => (await readyStatus(url)) === 200);
  await until('the retried send to land', async () => (await call(patient.socket, 'message:send', retried)).ok !== undefined);

  child.kill('SIGTERM');
  const [code] = await exited;
  assert.equal(code, 0, stderr);
  assert.doesNotMatch(stderr, /Unhandled error event/);
  const lines = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg: string });
  assert.equal(lines.filter((line) => line.msg === 'redis is unreachable; retrying').length, 2, 'one line per outage');
  assert.equal(lines.filter((line) => line.msg === 'redis is reachable again').length, 2, 'one line per recovery');
  assert.equal(lines.filter((line) => line.msg === 'redis is not answering').length, 0, 'readiness probes during a logged outage add nothing');
});
