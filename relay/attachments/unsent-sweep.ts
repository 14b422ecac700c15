/**
 * Uploads no message took are removed a day later (issue 9): one pass reads the oldest
 * entries of the pending set, forgets each unsent one in one atomic step (so a message
 * sent at the same moment either takes it first or gets ATTACHMENT_NOT_FOUND), deletes
 * its files, and drops the entry. The pass runs once per period across all relays (a job
 * scheduler on the shared queue); each step is idempotent anyway, so a pass cut short and
 * run again, or `sweep()` called beside it, removes nothing twice. The clock is injected
 * so tests need not wait a day.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { openDurableQueue } from '../store/durable-queue.ts';
import type { RedisTarget } from '../store/redis-client.ts';
import type { RedisOutage } from '../store/redis-outage.ts';
import type { AttachmentStore } from './attachment-store.ts';
import { fileKey } from './attachment-store.ts';
import type { AttachmentStorage } from './storage.ts';

/** Entries handled per read; a pass reads until none is old enough. */
const SWEEP_BATCH = 100;
/** BullMQ's prefix and queue name (store/README.md, rule 3): keys `{unsent-sweep}:unsent-sweep:*`; also the scheduler id. */
const PREFIX = '{unsent-sweep}';
const QUEUE_NAME = 'unsent-sweep';

export interface SweepDeps {
  store: AttachmentStore;
  storage: AttachmentStorage;
  maxAgeMs: number;
  now: () => number;
}

/** One pass; returns how many uploads were removed. */
export async function sweepUnsent({ store, storage, maxAgeMs, now }: SweepDeps): Promise<number> {
  const before = now() - maxAgeMs;
  let removed = 0;
  for (;;) {
    const batch = await store.pendingBefore(before, SWEEP_BATCH);
    for (const { threadId, id, member } of batch) {
      if (await store.discardUnsent(threadId, id)) {
        await Promise.all([storage.delete(fileKey({ threadId }, id, 'original')), storage.delete(fileKey({ threadId }, id, 'thumb'))]);
        removed += 1;
      }
      await store.dropPending(member);
    }
    if (batch.length < SWEEP_BATCH) return removed;
  }
}

/** `swept` (removed count, the period's scheduled time) on the relay whose worker ran that period's pass. */
export interface UnsentSweepEvents extends EventEmitter<{ swept: [removed: number, period: number] }> {}

export interface UnsentSweep {
  events: UnsentSweepEvents;
  close(): Promise<void>;
}

/**
 * Runs `pass` every `everyMs` on the shared queue (`{unsent-sweep}`): every relay upserts
 * the same job scheduler, so each period's pass runs once, on whichever relay's worker
 * takes it. A failed pass is logged and the next period tries again.
 */
export function scheduleUnsentSweep(deps: {
  pass: () => Promise<number>;
  everyMs: number;
  redisTarget: RedisTarget;
  outage: RedisOutage;
  log: Logger;
}): UnsentSweep {
  const events: UnsentSweepEvents = new EventEmitter();
  const durable = openDurableQueue({
    name: QUEUE_NAME,
    prefix: PREFIX,
    redisTarget: deps.redisTarget,
    outage: deps.outage,
    label: 'unsent-sweep',
    async run(job) {
      const removed = await deps.pass();
      events.emit('swept', removed, job.opts.prevMillis ?? job.timestamp);
      return removed;
    },
    concurrency: 1,
    every: { schedulerId: QUEUE_NAME, ms: deps.everyMs },
  });
  durable.worker!.on('failed', (_job, error) => deps.log.error({ code: 'RELAY_ERR_ATTACHMENT_SWEEP', type: error.name }, 'removing unsent uploads failed'));
  return { events, close: durable.close };
}
