/**
 * Uploads no message took are removed a day later (issue 9): one pass reads the oldest
 * entries of the pending set, forgets each unsent one in one atomic step (so a message
 * sent at the same moment either takes it first or gets ATTACHMENT_NOT_FOUND), deletes
 * its files, and drops the entry. Several relays may sweep at once: each step is
 * idempotent. The clock is injected so tests need not wait a day.
 */
import type { Logger } from 'pino';
import type { AttachmentStore } from './attachment-store.ts';
import { fileKey } from './attachment-store.ts';
import type { AttachmentStorage } from './storage.ts';

/** Entries handled per read; a pass reads until none is old enough. */
const SWEEP_BATCH = 100;

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

/** Runs a pass every `intervalMs` until stopped; a failed pass is logged and the next one tries again. */
export function startSweeper(pass: () => Promise<number>, intervalMs: number, log: Logger): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = pass().catch((error: unknown) => log.error({ code: 'RELAY_ERR_ATTACHMENT_SWEEP', err: error }, 'removing unsent uploads failed'));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
