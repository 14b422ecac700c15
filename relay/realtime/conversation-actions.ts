/**
 * What changes a conversation, shared by both namespaces: one atomic, de-duplicated
 * step in Redis, then fan-out and the inbox. The ack is sent by the caller only after
 * the inbox too has reached Redis; live delivery does not wait for it. A retry (same
 * client message id, same action id) changes nothing more but repeats the delivery and
 * the indexing, which a crash after the atomic step may have cut short. Notices are
 * scheduled (notice-scheduler.ts) before the ack; that never fails the send, and sending
 * itself happens later, in the queue's worker. A patient message whose thread already has
 * its staff alerts pending (the append script tells, from keys.threadAlerts) makes no
 * queue call at all: on the hot path a message is the append script on the thread's hash
 * tag, then its share of one indexing call with the other messages of its tick (issue 14 §5).
 */
import type { ActionId, ThreadId } from '../../protocol/ids.ts';
import type { StaffRef } from '../../protocol/model.ts';
import type { Stores } from '../store/stores.ts';
import type { AppendResult, NewMessage, PatientWriter, Sender, StaffChange, ThreadMeta } from '../store/thread-store.ts';
import { threadSlot } from '../store/visitor-store.ts';
import type { FanOut } from './fan-out.ts';
import type { NoticeScheduler } from './notice-scheduler.ts';
import type { ReportRecorder } from '../reports/report-recorder.ts';
import type { StaffPush } from './staff-push.ts';

/** Alerts pending for less than this are not marked (keys.threadAlerts). */
const MIN_ALERTS_MARKER_MS = 1_000;

export interface SendOptions {
  /** The patient socket that sent it: its ack answers it, so no push repeats the message there. */
  fromSocket?: string;
  /** The patient writing: the append checks the thread is theirs (`thread` may be as their socket last saw it). */
  writer?: PatientWriter;
}

/** Optional collaborators: the head's report (issue 13 §4) and staff Web Push (issue 12 §4). */
export interface ActionExtras {
  reports?: ReportRecorder;
  push?: StaffPush;
}

export function createConversationActions(stores: Stores, fanOut: FanOut, notices: NoticeScheduler, { reports, push }: ActionExtras = {}) {
  /** `thread` as the caller just read it (the router's access step): the append then returns only what changed. */
  async function send(thread: ThreadMeta, sender: Sender, message: NewMessage, { fromSocket, writer }: SendOptions = {}): Promise<AppendResult> {
    const result = await stores.threads.append(thread.id, sender, message, thread, writer);
    // The inbox and search (issue 12 §2), batched with the tick's other messages
    // (store/post-index.ts); also on a retry (idempotent), before the ack so an acked message
    // can be found.
    const indexed = stores.posts.index(result.meta, result.id, result.at, message.text ?? '');
    // Also on a retry: the first attempt may have been stored with its reply lost (Redis
    // or this relay died in between), and then nobody was told live; readers merge by id
    // (chaos T2 found the gap). Every new message moves the staff's row (preview, waiting
    // time, unread), the writer's own included; the patient's only with the first message or a status.
    const rows = result.duplicate ? null : { patient: result.first || result.statusBefore !== result.statusAfter };
    // Counts a console asks on a row must see the thread's move between views. A message that
    // may take it out of inbox sets (a staff reply ends the wait; a status change) makes the
    // indexing read and write again, so its rows follow once indexed, in a thread:update (also
    // when indexing failed, as the retry, a duplicate, pushes no row); the message itself goes
    // now, to keep the thread's order. A patient's next message only adds: its call, sent this
    // tick, reaches Redis before anything asked on its push, which carries the row.
    const rowsAfterIndex = rows && (sender.kind === 'staff' || result.statusBefore !== result.statusAfter) ? rows : null;
    fanOut.posted(result.meta, result.message, { rows: rowsAfterIndex ? null : rows, fromSocket });
    await indexed.finally(() => {
      if (rowsAfterIndex) fanOut.thread(result.meta, undefined, rowsAfterIndex);
    });
    if (sender.kind === 'staff' && message.type === 'text') await assignOnReply(sender.staff, result.meta);
    if (sender.kind === 'patient' && !result.duplicate) push?.patientWrote(result.meta);
    // Also on a retry (the script then always says due): scheduling is idempotent, and a crash may have cut it short.
    if (result.alertsDue) await patientWrote(result);
    else if (sender.kind === 'staff' && message.type === 'text') await notices.staffReplied(result.meta);
    // The head's report (issue 13 §4): no command at all for most messages, and never failing the send.
    if (!result.duplicate) await reports?.sent(result.meta, result.first, sender.kind === 'staff' ? sender.staff : null, message.type === 'text', result.at);
    return result;
  }

  async function patientWrote(result: AppendResult): Promise<void> {
    const pendingMs = await notices.patientWrote(result.meta);
    // A marker shorter than a second would save nothing. Like the inbox step, a Redis
    // failure here fails the ack, and the client's retry (a duplicate) repeats it.
    if (pendingMs !== null && pendingMs >= MIN_ALERTS_MARKER_MS) await stores.threads.alertsScheduled(result.meta.id, result.id, pendingMs);
  }

  /** The clinic's auto-assignment: a reply to a conversation nobody has makes it the writer's. */
  async function assignOnReply(by: StaffRef, meta: ThreadMeta): Promise<void> {
    if (meta.assignee !== null || !(await stores.queueSettings.recent(meta.clinicId)).autoAssign) return;
    await change(by, meta, { assignee: by }, undefined, { onlyIfEmpty: true });
  }

  /**
   * A staff member's change of status, assignee or complaint mark; `actionId` makes retries
   * safe; `onlyIfEmpty` changes nothing if the field has a value (taking a conversation).
   */
  async function change(
    by: StaffRef,
    meta: ThreadMeta,
    changes: StaffChange,
    actionId?: ActionId,
    options: { onlyIfEmpty?: boolean } = {},
  ): Promise<ThreadMeta> {
    const result = await stores.threads.change(meta.id, { ...changes, by }, actionId && `${by.id}:${actionId}`, options);
    // The message now, to keep the thread's order; the row once indexed, so counts a console
    // asks on it see the move (also when indexing failed, as the retry changes nothing and pushes nothing).
    if (result.changed && result.message) fanOut.message(result.meta, result.message);
    if (result.changed && 'status' in changes && changes.status === 'closed') {
      await stores.visitors.releaseThread(meta.visitorId, threadSlot(meta.doctor?.id ?? null), meta.id);
    }
    await stores.inbox.index(result.meta).finally(() => {
      // Staff who could see the thread until now (e.g. the previous assignee) learn it left them.
      if (result.changed) fanOut.thread(result.meta, { ...result.meta, ...result.before }, { patient: !('complaint' in changes) });
    });
    if (result.changed) await reports?.changed(result.meta, by, changes);
    return result.meta;
  }

  /** The patient told their name: staff see it instead of the pseudonym in every thread. */
  async function rename(threadIds: readonly ThreadId[], displayName: string): Promise<void> {
    for (const id of threadIds) {
      const result = await stores.threads.change(id, { displayName });
      // Also when unchanged: a retried identify re-delivers what a crash may have cut short.
      fanOut.thread(result.meta, undefined, { patient: false });
    }
  }

  return { send, change, rename };
}

export type ConversationActions = ReturnType<typeof createConversationActions>;
