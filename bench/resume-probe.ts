/**
 * The resume figure (issue 14 §5): a reader that was away while 1,000 messages were
 * written asks for everything after its last id, page by page with the largest page the
 * protocol allows, as a client does on reconnect. Measured twice, server side: through
 * the relay's socket on loopback (relay + Redis + one round trip per page) and the
 * store's reads alone (Redis + parsing, no socket).
 */
import { performance } from 'node:perf_hooks';
import type { StreamId, ThreadId } from '../protocol/ids.ts';
import { newClientMessageId } from '../protocol/ids.ts';
import { LIMITS } from '../protocol/limits.ts';
import { ok, type VisitorSocket } from '../relay/testing/clients.ts';
import type { Stores } from '../relay/store/stores.ts';

export const RESUME_MESSAGES = 1_000;
/** Best of a few runs: one run is at the mercy of whatever else the 2 cores are doing. */
const RUNS = 5;

export interface ResumeFigures {
  messages: number;
  pages: number;
  /** Through the patient's socket: first request to last page, best of RUNS. */
  socketMs: number;
  /** The thread store's reads alone, best of RUNS. */
  storeMs: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

async function timeBest(work: () => Promise<number>): Promise<{ ms: number; pages: number }> {
  let best = Infinity;
  let pages = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    pages = await work();
    best = Math.min(best, performance.now() - start);
  }
  return { ms: round2(best), pages };
}

/** Writes RESUME_MESSAGES patient messages after the thread's current last id, then reads them back as a returning reader would. */
export async function measureResume(stores: Stores, socket: VisitorSocket, threadId: ThreadId): Promise<ResumeFigures> {
  const before = await stores.threads.get(threadId);
  if (!before) throw new Error('the resume thread is gone');
  const cursor = before.lastId;
  for (let i = 0; i < RESUME_MESSAGES; i += 1) {
    await stores.threads.append(threadId, { kind: 'patient' }, { type: 'text', clientId: newClientMessageId(), text: `missed ${i}` });
  }
  const limit = LIMITS.pageSizeMax;

  const viaSocket = await timeBest(async () => {
    let after: StreamId | null = cursor;
    let pages = 0;
    let seen = 0;
    for (;;) {
      const page = await ok(socket, 'message:history', { threadId, limit, ...(after ? { after } : {}) });
      pages += 1;
      seen += page.messages.length;
      if (!page.hasMore) break;
      after = page.cursor;
    }
    if (seen < RESUME_MESSAGES) throw new Error(`resume read ${seen} of ${RESUME_MESSAGES} messages`);
    return pages;
  });

  const viaStore = await timeBest(async () => {
    let after: StreamId | null = cursor;
    let pages = 0;
    for (;;) {
      const meta = await stores.threads.get(threadId);
      const page = await stores.threads.history(meta!, { threadId, limit, ...(after ? { after } : {}) }, 'patient');
      pages += 1;
      if (!page.hasMore) break;
      after = page.cursor;
    }
    return pages;
  });

  return { messages: RESUME_MESSAGES, pages: viaSocket.pages, socketMs: viaSocket.ms, storeMs: viaStore.ms };
}
