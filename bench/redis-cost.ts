/**
 * Redis CPU per patient message, step by step (issue 14 §5): the append script, then the
 * indexing call (store/post-index.ts) with the benchmark's text, then the same call with
 * no words (the inbox part alone), each run through the relay's stores against a private
 * `redis-server` and read from `INFO commandstats` (usec). Run on its own:
 * `node --import tsx bench/redis-cost.ts`; prints one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientMessageId, ClinicId, VisitorId } from '../protocol/ids.ts';
import { connectRedis } from '../relay/store/redis-client.ts';
import { startLocalRedis } from '../relay/store/local-redis-server.ts';
import { createStores } from '../relay/store/stores.ts';
import type { AppendResult } from '../relay/store/thread-store.ts';
import { BENCH_TEXT } from './load-phases.ts';

const THREADS = 2_000;
const MESSAGES = 20_000;
/** Messages in flight at once, as a loaded relay has them. */
const WINDOW = 500;

const dir = mkdtempSync(join(tmpdir(), 'clinic-chat-redis-cost-'));
const server = await startLocalRedis({ dir, appendfsync: 'no' });
const redis = connectRedis(server.url);
try {
  const stores = createStores(redis, { sessionTtlSeconds: 3600, threadMaxMessages: 0 });
  // One thread per clinic, as the benchmark's default pairing has them.
  const threads = await Promise.all(
    Array.from({ length: THREADS }, (_, i) =>
      stores.threads.create({
        clinicId: `clinicredis${String(i).padStart(11, '0')}` as ClinicId,
        visitorId: `visitorredis${String(i).padStart(10, '0')}` as VisitorId,
        displayName: 'P',
        kind: 'general',
        doctor: null,
      }),
    ),
  );

  const usecSoFar = async (): Promise<number> =>
    [...(await redis.info('commandstats')).matchAll(/cmdstat_\w+:calls=\d+,usec=(\d+)/g)].reduce((sum, [, usec]) => sum + Number(usec), 0);
  /** Redis CPU µs per message of `step`, run for every message, WINDOW at a time. */
  async function measure<T>(step: (i: number) => Promise<T>): Promise<{ usPerMessage: number; results: T[] }> {
    const before = await usecSoFar();
    const results: T[] = [];
    for (let start = 0; start < MESSAGES; start += WINDOW) {
      results.push(...(await Promise.all(Array.from({ length: Math.min(WINDOW, MESSAGES - start) }, (_, j) => step(start + j)))));
    }
    return { usPerMessage: Math.round(((await usecSoFar()) - before) / MESSAGES), results };
  }

  const append = await measure((i) => {
    const thread = threads[i % THREADS]!;
    const message = { type: 'text' as const, clientId: `redis-cost-${i}` as ClientMessageId, text: BENCH_TEXT };
    return stores.threads.append(thread.id, { kind: 'patient' }, message, undefined, { id: thread.visitorId, clinicId: thread.clinicId });
  });
  const appended: AppendResult[] = append.results;
  const indexed = await measure((i) => stores.posts.index(appended[i]!.meta, appended[i]!.id, appended[i]!.at, BENCH_TEXT));
  // A newer version, so the inbox part runs again; no words, so the search part does not.
  const inbox = await measure((i) =>
    stores.posts.index({ ...appended[i]!.meta, version: appended[i]!.meta.version + 1 }, appended[i]!.id, appended[i]!.at, ''),
  );
  console.log(
    JSON.stringify({
      messages: MESSAGES,
      redisUsPerMessage: {
        append: append.usPerMessage,
        index: indexed.usPerMessage,
        inboxPart: inbox.usPerMessage,
        searchPart: indexed.usPerMessage - inbox.usPerMessage,
      },
    }),
  );
} finally {
  redis.disconnect();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
