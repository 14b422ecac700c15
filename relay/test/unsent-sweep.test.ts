/**
 * The sweep of unsent uploads is a job on the shared queue (issue 14 §2): two relays on
 * one Redis run each period's pass once between them, and the pass removes an upload no
 * message took once it is past its age, whichever relay took the upload.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestRedis, startTestRelay, type TestRelay } from '../testing/harness.ts';
import { connectVisitor, ok } from '../testing/clients.ts';
import { MINIMAL_PDF, filesUnder, uploadFile } from '../testing/attachment-files.ts';
import { connectRedis } from '../store/redis-client.ts';
import { ATTACHMENT_DEFAULTS } from '../attachments/attachment-defaults.ts';

const EVERY_MS = 200;
/** Passes watched before the clock moves: enough that a period run by both relays would show. */
const WATCHED_PASSES = 10;
/**
 * The least time between two passes: BullMQ's scheduled times drift by a few milliseconds
 * (199 ms apart was seen under a full run), while two relays each scheduling their own pass
 * would put about every other pair of passes less than half a period apart.
 */
const LEAST_GAP_MS = EVERY_MS / 2;

interface Pass {
  relay: string;
  removed: number;
  period: number;
}

test('two relays on one Redis run the unsent-upload sweep once per period, and it removes an upload past its age', async (t) => {
  const redis = await startTestRedis();
  const dataDir = mkdtempSync(join(tmpdir(), 'clinic-chat-unsent-sweep-'));
  let clock = Date.now();
  const relays: TestRelay[] = [];
  t.after(async () => {
    for (const relay of relays) await relay.stop();
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  // One disk for both, as S3 would be: the pass may run on the relay that did not take the upload.
  const options = { redis, env: { DATA_DIR: dataDir }, relay: { attachments: { now: () => clock, sweepEveryMs: EVERY_MS } } };
  relays.push(await startTestRelay(options), await startTestRelay(options));
  const passes: Pass[] = [];
  const passed: Array<() => void> = [];
  for (const [index, relay] of relays.entries()) {
    relay.unsentSweep.events.on('swept', (removed, period) => {
      passes.push({ relay: `relay ${index}`, removed, period });
      passed.splice(0).forEach((wake) => wake());
    });
  }
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise<void>((wake) => passed.push(wake));
  };

  const patient = await connectVisitor(relays[0]!.url);
  t.after(() => patient.socket.close());
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  const uploaded = await uploadFile(relays[0]!.url, {
    threadId: thread.id,
    token: patient.token,
    body: MINIMAL_PDF,
    name: 'a.pdf',
    contentType: 'application/pdf',
  });
  assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
  const threadFiles = join(dataDir, 'attachments', thread.id);
  assert.equal(filesUnder(threadFiles).length, 1);

  await until(() => passes.length >= WATCHED_PASSES);
  const periods = passes.map((pass) => pass.period);
  assert.equal(new Set(periods).size, periods.length, `no period ran twice: ${JSON.stringify(passes)}`);
  for (let i = 1; i < periods.length; i += 1)
    assert.ok(periods[i]! - periods[i - 1]! >= LEAST_GAP_MS, `one pass per ${EVERY_MS} ms: ${JSON.stringify(passes)}`);
  assert.equal(
    passes.reduce((sum, pass) => sum + pass.removed, 0),
    0,
  );
  assert.equal(filesUnder(threadFiles).length, 1, 'an upload younger than its age stays');

  clock += ATTACHMENT_DEFAULTS.unsentMaxAgeSeconds * 1000 + 1000;
  const seen = passes.length;
  await until(() => passes.slice(seen).some((pass) => pass.removed > 0));
  assert.equal(
    passes.reduce((sum, pass) => sum + pass.removed, 0),
    1,
  );
  assert.deepEqual(filesUnder(threadFiles), []);
  const check = connectRedis(redis.url);
  t.after(() => check.disconnect());
  assert.equal(await check.zcard('attachments:pending'), 0);
  assert.deepEqual(await check.keys(`{t:${thread.id}}:attachment*`), [], "the upload's records are gone");
});
