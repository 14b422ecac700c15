/**
 * What changes a conversation, shared by both namespaces: append (de-duplicated), fan
 * out, keep the inbox in step. The ack is sent by the caller only after the inbox too
 * has reached Redis; live delivery does not wait for it.
 */
import type { ThreadId } from '../../protocol/ids.ts';
import type { SystemEvent, ThreadStatus, StaffRef } from '../../protocol/model.ts';
import type { Stores } from '../store/stores.ts';
import type { AppendResult, NewMessage, Sender, ThreadMeta } from '../store/thread-store.ts';
import { threadSlot } from '../store/visitor-store.ts';
import type { FanOut } from './fan-out.ts';

const snapshot = (meta: ThreadMeta) => ({ status: meta.status, assignee: meta.assignee, complaint: meta.complaint });

export function createConversationActions(stores: Stores, fanOut: FanOut) {
  /**
   * Appends to a thread. `before` is what the thread was before a status or assignment
   * change made just now; an append alone changes at most the status, which it reports.
   */
  async function send(threadId: ThreadId, sender: Sender, message: NewMessage, before?: ThreadMeta): Promise<AppendResult> {
    const result = await stores.threads.append(threadId, sender, message);
    const previous = before ?? { ...result.meta, status: result.statusBefore };
    if (!result.duplicate) {
      fanOut.message(result.meta, result.message);
      if (result.first || previous.status !== result.meta.status || message.type === 'system') fanOut.thread(result.meta, previous);
    }
    // Also on a duplicate: if a crash cut the first attempt short, the retry finishes it.
    await stores.inbox.index(result.meta, snapshot(previous));
    return result;
  }

  async function change(by: StaffRef, meta: ThreadMeta, changes: { status: ThreadStatus } | { assignee: StaffRef | null }): Promise<ThreadMeta> {
    await stores.threads.update(meta.id, changes);
    const event: SystemEvent = 'status' in changes
      ? { kind: 'status', status: changes.status, by }
      : { kind: 'assigned', assignee: changes.assignee, by };
    const result = await send(meta.id, { kind: 'staff', staff: by }, { type: 'system', event }, meta);
    if (result.meta.status === 'closed') {
      await stores.visitors.releaseThread(meta.visitorId, threadSlot(meta.doctor?.id ?? null), meta.id);
    }
    return result.meta;
  }

  /** Marks or unmarks a thread as a complaint: it moves into or out of the complaints view. */
  async function markComplaint(meta: ThreadMeta, complaint: boolean): Promise<ThreadMeta> {
    await stores.threads.update(meta.id, { complaint });
    const after = { ...meta, complaint };
    await stores.inbox.index(after, snapshot(meta));
    fanOut.thread(after, meta);
    return after;
  }

  /** The patient told their name: staff see it instead of the pseudonym in every thread. */
  async function rename(threadIds: readonly ThreadId[], displayName: string): Promise<void> {
    for (const id of threadIds) {
      await stores.threads.update(id, { displayName });
      const meta = await stores.threads.get(id);
      if (meta) fanOut.thread(meta);
    }
  }

  return { send, change, markComplaint, rename };
}

export type ConversationActions = ReturnType<typeof createConversationActions>;
