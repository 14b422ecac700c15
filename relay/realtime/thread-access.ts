/**
 * The thread-access step of the event router for each namespace: the thread named by
 * an event, if the caller may read (or write) it. A thread the caller may not see is
 * NOT_FOUND, so an answer never reveals that it exists; one staff may read but not
 * write is FORBIDDEN.
 */
import type { ThreadId } from '../../protocol/ids.ts';
import { canRead, canWrite, type Viewer } from '../access/visibility.ts';
import { ClientError } from '../errors.ts';
import type { Stores } from '../store/stores.ts';
import type { ThreadMeta } from '../store/thread-store.ts';
import { threadSlot, type Visitor } from '../store/visitor-store.ts';
import type { ThreadAccess } from './event-router.ts';

export function staffThreadAccess(stores: Stores, viewer: Viewer) {
  return async (threadId: ThreadId, access: ThreadAccess): Promise<ThreadMeta> => {
    const meta = await stores.threads.get(threadId);
    if (!meta || !canRead(viewer, meta)) throw new ClientError('NOT_FOUND');
    if (access !== 'read' && !canWrite(viewer, meta)) throw new ClientError('FORBIDDEN');
    return meta;
  };
}

/** The visitor's own thread of that id, or null. */
export async function ownThread(stores: Stores, visitor: Visitor, threadId: ThreadId): Promise<ThreadMeta | null> {
  const meta = await stores.threads.get(threadId);
  return meta && meta.visitorId === visitor.id && meta.clinicId === visitor.clinicId ? meta : null;
}

/**
 * Threads a patient's socket wrote to, as its last append left them: the next append to
 * one needs no read first, since the append script checks that the thread is still the
 * patient's and the newest of its slot (issue 14 §5). An append that fails forgets it.
 */
export type WrittenThreads = Map<ThreadId, ThreadMeta>;

/**
 * A patient reads exactly their own threads, and writes only the newest of each slot:
 * an earlier thread of their timeline is read-only (THREAD_CLOSED, so a client moves on
 * to the current one), even if staff reopened it.
 */
export function visitorThreadAccess(stores: Stores, visitor: Visitor, written: WrittenThreads = new Map()) {
  return async (threadId: ThreadId, access: ThreadAccess): Promise<ThreadMeta> => {
    // Given to the append only for its id: the append returns the thread as it is.
    const known = access === 'append' ? written.get(threadId) : undefined;
    if (known) return known;
    // A write also reads the patient's current threads in the same round trip: when this
    // one is current (the common case), mayWrite's own reads are not needed.
    const writes = access !== 'read';
    const [meta, current] = await Promise.all([ownThread(stores, visitor, threadId), writes ? stores.visitors.currentThreads(visitor.id) : null]);
    if (!meta) throw new ClientError('NOT_FOUND');
    if (writes) {
      const slot = threadSlot(meta.doctor?.id ?? null);
      if (current?.[slot] !== meta.id && !(await stores.visitors.mayWrite(visitor.id, slot, meta.id))) throw new ClientError('THREAD_CLOSED');
    }
    return meta;
  };
}
