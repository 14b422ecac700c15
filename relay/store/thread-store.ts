/**
 * A thread's own keys — meta, stream, de-duplication (one hash tag, `{t:<id>}`) — and the
 * scripts that change them atomically: create, append, history, read cursors, changes.
 * What a change writes is decided in thread-changes.ts, how meta is stored in thread-meta.ts.
 * Why the rest stays one file (about 370 lines): every method here is a step of the same
 * few scripts over the same keys, and the stream's entry format (kind codes, previews,
 * `toMessage`) is private to them.
 */
import type { ClientMessageId, ClinicId, StaffId, StreamId, ThreadId, VisitorId } from '../../protocol/ids.ts';
import { compareStreamIds, streamIdTime } from '../../protocol/ids.ts';
import { LIMITS } from '../../protocol/limits.ts';
import type { AttachmentRef } from '../../protocol/attachments.ts';
import type { Message, Side, StaffRef, ThreadKind, ThreadStatus } from '../../protocol/model.ts';
import type { HistoryPage, HistoryRequest } from '../../protocol/requests.ts';
import type { BookingDetails, BookingOutcome } from '../../protocol/booking.ts';
import { RelayError, type RelayErrorCode } from '../errors.ts';
import type { RelayCommands } from './redis-client.ts';
import { fromRedisError, scriptRefusal } from './redis-errors.ts';
import { keys } from './keys.ts';
import { newEntityId } from './random-ids.ts';
import { fromFlat, fromHash, parseRef, storedRef, type ThreadMeta } from './thread-meta.ts';
import { changeFields, type ChangeResult, type ThreadChange } from './thread-changes.ts';

export type { ThreadMeta } from './thread-meta.ts';
export type { ChangeResult, StaffChange, ThreadChange } from './thread-changes.ts';

export type Sender = { kind: 'patient' } | { kind: 'staff'; staff: StaffRef };

/** The patient writing, as their socket knows them: the append checks the thread is theirs. */
export interface PatientWriter {
  id: VisitorId;
  clinicId: ClinicId;
}

/** `attachments`: refs of this sender's unsent uploads to the thread (relay/attachments/), taken in the same step. */
export type NewMessage =
  | { type: 'text' | 'note'; clientId: ClientMessageId; text: string; attachments?: AttachmentRef[] }
  /** A patient's booking request (protocol/booking.ts): appended like their text, with no text (so no preview or search words). */
  | { type: 'booking'; clientId: ClientMessageId; booking: BookingDetails; text?: undefined; attachments?: undefined };

export interface AppendResult {
  /** For a duplicate: the id stored the first time, so every retry gets the same ack. */
  id: StreamId;
  at: number;
  duplicate: boolean;
  statusBefore: ThreadStatus;
  statusAfter: ThreadStatus;
  /** This was the thread's first message. */
  first: boolean;
  /**
   * The thread after the append. Read whole for a duplicate, a first message, a status
   * change or when the caller passed no `known` meta; otherwise the caller's copy with
   * every field the append wrote and those deciding audiences and inbox (status,
   * assignee, complaint, version) as they are now — others (e.g. the name) may be older.
   */
  meta: ThreadMeta;
  message: Message;
  /** A patient message with no staff alerts known to be pending: schedule them (notice-scheduler.ts). */
  alertsDue: boolean;
}

/** Stream entry kind codes, also read by the Lua scripts (which write 'y' for system messages). */
const KIND_CODE = { patientText: 'p', staffText: 's', note: 'n' } as const;
const PREVIEW_CHARS = 140;
/** Entries read per step when looking back for the last answer: most threads need one step. */
const UNANSWERED_PAGE = 100;

/** The exact error words the scripts return, each one relay error. */
const SCRIPT_ERRORS = new Map<string, RelayErrorCode>([
  ['NOTHREAD', 'RELAY_ERR_NO_THREAD'],
  ['CLOSED', 'RELAY_ERR_THREAD_CLOSED'],
  ['SUPERSEDED', 'RELAY_ERR_THREAD_CLOSED'],
  ['NOATTACHMENT', 'RELAY_ERR_ATTACHMENT_TAKEN'],
]);

function scriptError(cause: unknown, threadId: ThreadId): unknown {
  const code = SCRIPT_ERRORS.get(scriptRefusal(cause) ?? '');
  return code ? new RelayError(code, threadId) : (fromRedisError(cause) ?? cause);
}

function kindCode(sender: Sender, message: NewMessage): string {
  if (message.type === 'note') return KIND_CODE.note;
  return sender.kind === 'patient' ? KIND_CODE.patientText : KIND_CODE.staffText;
}

/** The sender as uploads name their owner: `p` (the thread's patient) or `s:<staff id>`. */
export function senderKey(sender: Sender): string {
  return sender.kind === 'patient' ? 'p' : `s:${sender.staff.id}`;
}

function dedupKey(sender: Sender, message: NewMessage): string {
  // Keyed by sender too: one sender's client id can never shadow another's message.
  return `${senderKey(sender)}:${message.clientId}`;
}

/** A preview for the inbox: the text, or the files' names for a message of files alone. */
function previewOf(message: NewMessage): string {
  if (message.type !== 'text') return '';
  const files = message.attachments?.map((a) => a.name).join(', ') ?? '';
  return (message.text.trim() ? message.text : files && `📎 ${files}`).slice(0, PREVIEW_CHARS);
}

type StreamEntry = [id: string, fields: string[]];

function toMessage(threadId: ThreadId, [id, fields]: StreamEntry): Message {
  const body = JSON.parse(fields[3] ?? '{}') as Omit<Message, 'id' | 'threadId' | 'at'>;
  return { ...body, id: id as StreamId, threadId, at: streamIdTime(id as StreamId) } as Message;
}

/**
 * The caller's copy of a thread updated with what append-message.lua wrote, from its
 * compact state { assignee, complaint, version, unreadStaff, unreadPatient, readPatient,
 * readStaff }: parsing a few strings instead of the whole hash on every message.
 */
function afterAppend(
  known: ThreadMeta,
  wrote: { kind: string; id: StreamId; at: number; status: ThreadStatus; preview: string },
  state: (string | number)[],
): ThreadMeta {
  const [assignee, complaint, version, unreadStaff, unreadPatient, readPatient, readStaff, awaitingSince, previewBy] = state.map(String);
  const { id, at } = wrote;
  return {
    ...known,
    status: wrote.status,
    assignee: parseRef(assignee),
    complaint: complaint === '1',
    version: Number(version),
    lastId: id,
    lastActivityAt: at,
    ...(wrote.kind === KIND_CODE.note ? {} : { patientLastId: id, patientLastActivityAt: at }),
    ...(wrote.preview ? { preview: wrote.preview } : {}),
    unreadStaff: Number(unreadStaff),
    unreadPatient: Number(unreadPatient),
    readPatient: (readPatient || null) as StreamId | null,
    readStaff: (readStaff || null) as StreamId | null,
    awaitingSince: awaitingSince ? Number(awaitingSince) : null,
    previewBy: (previewBy || null) as StaffId | null,
  };
}

export function createThreadStore(redis: RelayCommands, options: { maxMessages: number }) {
  async function get(id: ThreadId): Promise<ThreadMeta | null> {
    return fromHash(await redis.hgetall(keys.threadMeta(id)));
  }

  return {
    get,

    async create(input: {
      clinicId: ClinicId;
      visitorId: VisitorId;
      displayName: string;
      kind: ThreadKind;
      doctor: StaffRef | null;
      /** The closed thread of the same slot this one continues, if any. */
      previousThreadId?: ThreadId | null;
    }): Promise<ThreadMeta> {
      const now = Date.now();
      const meta: ThreadMeta = {
        ...input,
        previousThreadId: input.previousThreadId ?? null,
        id: newEntityId<ThreadId>(),
        status: 'open',
        complaint: false,
        assignee: input.doctor,
        createdAt: now,
        lastActivityAt: now,
        lastId: null,
        patientLastActivityAt: now,
        patientLastId: null,
        preview: '',
        previewBy: null,
        awaitingSince: null,
        unreadStaff: 0,
        unreadPatient: 0,
        readPatient: null,
        readStaff: null,
        trimmedUpTo: null,
        version: 0,
        notificationFailed: false,
        review: null,
        steps: [],
        solution: null,
        firstReplyAt: null,
      };
      await redis.hset(keys.threadMeta(meta.id), {
        id: meta.id,
        clinicId: meta.clinicId,
        visitorId: meta.visitorId,
        displayName: meta.displayName,
        kind: meta.kind,
        status: meta.status,
        complaint: '0',
        doctor: storedRef(meta.doctor),
        assignee: storedRef(meta.assignee),
        createdAt: String(now),
        lastActivityAt: String(now),
        lastId: '',
        patientLastActivityAt: String(now),
        patientLastId: '',
        preview: '',
        unreadStaff: '0',
        unreadPatient: '0',
        readPatient: '',
        readStaff: '',
        version: '0',
        previousThreadId: meta.previousThreadId ?? '',
      });
      return meta;
    },

    /** Removes a thread that lost a creation race before anyone could see it. */
    async discard(id: ThreadId): Promise<void> {
      await redis.del(keys.threadMeta(id));
    },

    /**
     * Appends atomically; the same sender and client id always yield the same stored
     * message. `known`: the thread as the caller just read it (the router's access step
     * does); the reply then carries only what the append changed. `writer`: the patient
     * writing, whose ownership of the thread (and that it is the newest of its slot) the
     * script itself checks: the caller need not have read the thread, and the reply is the
     * whole thread (issue 14 §5).
     */
    async append(threadId: ThreadId, sender: Sender, message: NewMessage, known?: ThreadMeta, writer?: PatientWriter): Promise<AppendResult> {
      const body = JSON.stringify({ ...message, author: sender });
      const attachmentIds = message.attachments?.map((a) => a.id) ?? [];
      const kind = kindCode(sender, message);
      const preview = previewOf(message);
      let reply: Awaited<ReturnType<RelayCommands['appendMessage']>>;
      try {
        reply = await redis.appendMessage(
          keys.threadMeta(threadId),
          keys.threadStream(threadId),
          keys.threadDedup(threadId),
          keys.threadAlerts(threadId),
          keys.threadAttachmentState(threadId),
          dedupKey(sender, message),
          kind,
          body,
          options.maxMessages,
          preview,
          sender.kind === 'staff' ? sender.staff.id : '',
          known && !writer ? '1' : '0',
          senderKey(sender),
          message.type === 'note' ? 'note' : 'sent',
          writer?.id ?? '',
          writer?.clinicId ?? '',
          ...attachmentIds,
        );
      } catch (cause) {
        throw scriptError(cause, threadId);
      }
      const [id, duplicate, statusBefore, statusAfter, previousId, alertsDue, state] = reply;
      const streamId = id as StreamId;
      const at = streamIdTime(streamId);
      const whole = !known || writer !== undefined || duplicate === 1 || previousId === '' || statusBefore !== statusAfter;
      return {
        first: previousId === '',
        meta: whole ? fromFlat(state as string[]) : afterAppend(known, { kind, id: streamId, at, status: statusAfter as ThreadStatus, preview }, state),
        id: streamId,
        at,
        duplicate: duplicate === 1,
        statusBefore: statusBefore as ThreadStatus,
        statusAfter: statusAfter as ThreadStatus,
        message: { ...message, author: sender, id: streamId, threadId, at },
        alertsDue: alertsDue === 1,
      };
    },

    /** A newer thread of the patient's slot took this one's place: the patient writes there from now on. */
    async supersede(threadId: ThreadId): Promise<void> {
      await redis.supersedeThread(keys.threadMeta(threadId));
    },

    /** One stored message of the thread, or null. */
    async message(threadId: ThreadId, id: StreamId): Promise<Message | null> {
      const [entry] = (await redis.xrange(keys.threadStream(threadId), id, id)) as StreamEntry[];
      return entry ? toMessage(threadId, entry) : null;
    },

    /** How staff answered a booking request (`booking:decide`), or null while it waits. */
    async bookingOutcome(threadId: ThreadId, id: StreamId): Promise<BookingOutcome | null> {
      return ((await redis.hget(keys.threadMeta(threadId), `booking:${id}`)) || null) as BookingOutcome | null;
    },

    /** Remembers that `messageId`'s staff alerts are scheduled, for `ttlMs` (see keys.threadAlerts). */
    async alertsScheduled(threadId: ThreadId, messageId: StreamId, ttlMs: number): Promise<void> {
      await redis.set(keys.threadAlerts(threadId), messageId, 'PX', ttlMs);
    },

    async history(meta: ThreadMeta, request: HistoryRequest, side: Side): Promise<HistoryPage> {
      const threadId = meta.id;
      const stream = keys.threadStream(threadId);
      const limit = request.limit ?? LIMITS.pageSizeDefault;
      let entries: StreamEntry[];
      if (request.after) {
        entries = (await redis.xrange(stream, `(${request.after}`, '+', 'COUNT', limit + 1)) as StreamEntry[];
      } else {
        const end = request.before ? `(${request.before}` : '+';
        entries = ((await redis.xrevrange(stream, end, '-', 'COUNT', limit + 1)) as StreamEntry[]).reverse();
      }
      const hasMore = entries.length > limit;
      const page = request.after ? entries.slice(0, limit) : entries.slice(hasMore ? 1 : 0);
      // Entries newer than the reader's cursor were removed: it cannot catch up one by one.
      const reset = request.after !== undefined && meta.trimmedUpTo !== null && compareStreamIds(request.after, meta.trimmedUpTo) < 0;
      const visible = side === 'patient' ? page.filter(([, fields]) => fields[1] !== KIND_CODE.note) : page;
      return {
        messages: visible.map((entry) => toMessage(threadId, entry)),
        cursor: (page.at(-1)?.[0] ?? request.after ?? null) as StreamId | null,
        oldest: (page[0]?.[0] ?? null) as StreamId | null,
        hasMore,
        reset,
      };
    },

    /**
     * When the patient's oldest unanswered message was written: the first patient message
     * after the newest staff reply (notes and system lines are no answer). Null when the
     * newest of the two is staff's, or there are none.
     */
    async unansweredSince(threadId: ThreadId): Promise<number | null> {
      const stream = keys.threadStream(threadId);
      let since: number | null = null;
      let end = '+';
      for (;;) {
        const page = (await redis.xrevrange(stream, end, '-', 'COUNT', UNANSWERED_PAGE)) as StreamEntry[];
        for (const [id, fields] of page) {
          if (fields[1] === KIND_CODE.staffText) return since;
          if (fields[1] === KIND_CODE.patientText) since = streamIdTime(id as StreamId);
        }
        if (page.length < UNANSWERED_PAGE) return since;
        end = `(${page.at(-1)![0]}`;
      }
    },

    /** Sets or clears the "notification failed" mark; the thread after, or null when nothing changed. */
    async markNotificationFailed(threadId: ThreadId, failed: boolean): Promise<ThreadMeta | null> {
      const meta = await get(threadId);
      if (!meta || meta.notificationFailed === failed) return null;
      await redis.hset(keys.threadMeta(threadId), 'notificationFailed', failed ? '1' : '0');
      return { ...meta, notificationFailed: failed };
    },

    /** Moves a side's read cursor forward; returns the cursor and whether it moved. */
    async markRead(threadId: ThreadId, side: Side, upTo: StreamId): Promise<{ cursor: StreamId | null; moved: boolean }> {
      try {
        const [cursor, moved] = await redis.markRead(keys.threadMeta(threadId), keys.threadStream(threadId), side, upTo);
        return { cursor: (cursor || null) as StreamId | null, moved: moved === 1 };
      } catch (cause) {
        throw scriptError(cause, threadId);
      }
    },

    /**
     * Applies one change in one atomic step with the system message recording it. With an
     * action id (`staff:<id>:<client's action id>`), a retry gets the first attempt's
     * outcome and changes nothing more. `onlyIfEmpty`: no change unless the field is empty
     * (a take that lost to another is `changed: false`).
     */
    async change(threadId: ThreadId, change: ThreadChange, actionKey?: string, { onlyIfEmpty = false } = {}): Promise<ChangeResult> {
      const { field, value, event } = changeFields(change);
      const author = { kind: 'system' as const };
      let reply: Awaited<ReturnType<RelayCommands['changeThread']>>;
      try {
        reply = await redis.changeThread(
          keys.threadMeta(threadId),
          keys.threadStream(threadId),
          keys.threadDedup(threadId),
          actionKey ? `a:${actionKey}` : '',
          field,
          value,
          event ? JSON.stringify({ type: 'system', event, author }) : '',
          options.maxMessages,
          ...(onlyIfEmpty ? (['1'] as const) : []),
        );
      } catch (cause) {
        throw scriptError(cause, threadId);
      }
      const [id, duplicate, changed, status, assignee, complaint, flatMeta] = reply;
      const streamId = id as StreamId;
      return {
        meta: fromFlat(flatMeta),
        before: { status: status as ThreadStatus, assignee: parseRef(assignee), complaint: complaint === '1' },
        changed: changed === 1,
        duplicate: duplicate === 1,
        message: event && id ? { type: 'system', event, author, id: streamId, threadId, at: streamIdTime(streamId) } : null,
      };
    },
  };
}

export type ThreadStore = ReturnType<typeof createThreadStore>;
