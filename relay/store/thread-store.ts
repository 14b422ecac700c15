import type { ClinicId, ClientMessageId, StreamId, ThreadId, VisitorId } from '../../protocol/ids.ts';
import { compareStreamIds, streamIdTime } from '../../protocol/ids.ts';
import { LIMITS } from '../../protocol/limits.ts';
import type { Message, Side, StaffRef, SystemEvent, ThreadKind, ThreadStatus } from '../../protocol/model.ts';
import type { HistoryPage, HistoryRequest } from '../../protocol/requests.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';
import { newEntityId } from './random-ids.ts';
import { RelayError } from '../errors.ts';

export interface ThreadMeta {
  id: ThreadId;
  clinicId: ClinicId;
  visitorId: VisitorId;
  displayName: string;
  kind: ThreadKind;
  status: ThreadStatus;
  complaint: boolean;
  doctor: StaffRef | null;
  assignee: StaffRef | null;
  createdAt: number;
  lastActivityAt: number;
  lastId: StreamId | null;
  preview: string;
  unreadStaff: number;
  unreadPatient: number;
  readPatient: StreamId | null;
  readStaff: StreamId | null;
  /** The newest message removed by retention, if any. */
  trimmedUpTo: StreamId | null;
}

export type Sender = { kind: 'patient' } | { kind: 'staff'; staff: StaffRef };

export type NewMessage =
  | { type: 'text' | 'note'; clientId: ClientMessageId; text: string }
  | { type: 'system'; event: SystemEvent };

export interface AppendResult {
  /** For a duplicate: the id stored the first time, so every retry gets the same ack. */
  id: StreamId;
  at: number;
  duplicate: boolean;
  statusBefore: ThreadStatus;
  statusAfter: ThreadStatus;
  /** This was the thread's first message. */
  first: boolean;
  /** The thread after the append. */
  meta: ThreadMeta;
  message: Message;
}

/** Stream entry kind codes, also read by the Lua scripts. */
const KIND_CODE = { patientText: 'p', staffText: 's', note: 'n', system: 'y' } as const;
const PREVIEW_CHARS = 140;

export class ThreadStoreError extends RelayError {
  constructor(code: 'RELAY_ERR_NO_THREAD' | 'RELAY_ERR_THREAD_CLOSED', detail: string) {
    super(code, detail);
  }
}

const json = (value: unknown) => (value === null ? '' : JSON.stringify(value));
const parseRef = (raw: string | undefined): StaffRef | null => (raw ? (JSON.parse(raw) as StaffRef) : null);

function fromHash(hash: Record<string, string>): ThreadMeta | null {
  if (!hash.id) return null;
  return {
    id: hash.id as ThreadId,
    clinicId: hash.clinicId as ClinicId,
    visitorId: hash.visitorId as VisitorId,
    displayName: hash.displayName ?? '',
    kind: hash.kind as ThreadKind,
    status: hash.status as ThreadStatus,
    complaint: hash.complaint === '1',
    doctor: parseRef(hash.doctor),
    assignee: parseRef(hash.assignee),
    createdAt: Number(hash.createdAt),
    lastActivityAt: Number(hash.lastActivityAt),
    lastId: (hash.lastId || null) as StreamId | null,
    preview: hash.preview ?? '',
    unreadStaff: Number(hash.unreadStaff ?? 0),
    unreadPatient: Number(hash.unreadPatient ?? 0),
    readPatient: (hash.readPatient || null) as StreamId | null,
    readStaff: (hash.readStaff || null) as StreamId | null,
    trimmedUpTo: (hash.trimmedUpTo || null) as StreamId | null,
  };
}

function fromFlat(flat: string[]): ThreadMeta {
  const hash: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) hash[flat[i]!] = flat[i + 1]!;
  return fromHash(hash)!;
}

function kindCode(sender: Sender, message: NewMessage): string {
  if (message.type === 'system') return KIND_CODE.system;
  if (message.type === 'note') return KIND_CODE.note;
  return sender.kind === 'patient' ? KIND_CODE.patientText : KIND_CODE.staffText;
}

function dedupKey(sender: Sender, message: NewMessage): string {
  // Keyed by sender too: one sender's client id can never shadow another's message.
  if (message.type === 'system') return `y:${newEntityId()}`;
  return sender.kind === 'patient' ? `p:${message.clientId}` : `s:${sender.staff.id}:${message.clientId}`;
}

type StreamEntry = [id: string, fields: string[]];

function toMessage(threadId: ThreadId, [id, fields]: StreamEntry): Message {
  const body = JSON.parse(fields[3] ?? '{}') as Omit<Message, 'id' | 'threadId' | 'at'>;
  return { ...body, id: id as StreamId, threadId, at: streamIdTime(id as StreamId) } as Message;
}

export function createThreadStore(redis: RelayRedis, options: { maxMessages: number }) {
  async function get(id: ThreadId): Promise<ThreadMeta | null> {
    return fromHash(await redis.hgetall(keys.threadMeta(id)));
  }

  return {
    get,

    async create(input: {
      clinicId: ClinicId; visitorId: VisitorId; displayName: string; kind: ThreadKind; doctor: StaffRef | null;
    }): Promise<ThreadMeta> {
      const now = Date.now();
      const meta: ThreadMeta = {
        ...input, id: newEntityId<ThreadId>(), status: 'open', complaint: false, assignee: input.doctor,
        createdAt: now, lastActivityAt: now, lastId: null, preview: '', unreadStaff: 0, unreadPatient: 0,
        readPatient: null, readStaff: null, trimmedUpTo: null,
      };
      await redis.hset(keys.threadMeta(meta.id), {
        id: meta.id, clinicId: meta.clinicId, visitorId: meta.visitorId, displayName: meta.displayName,
        kind: meta.kind, status: meta.status, complaint: '0', doctor: json(meta.doctor), assignee: json(meta.assignee),
        createdAt: String(now), lastActivityAt: String(now), lastId: '', preview: '',
        unreadStaff: '0', unreadPatient: '0', readPatient: '', readStaff: '',
      });
      return meta;
    },

    /** Removes a thread that lost a creation race before anyone could see it. */
    async discard(id: ThreadId): Promise<void> {
      await redis.del(keys.threadMeta(id));
    },

    /** Appends atomically; the same sender and client id always yield the same stored message. */
    async append(threadId: ThreadId, sender: Sender, message: NewMessage): Promise<AppendResult> {
      const author = message.type === 'system' ? { kind: 'system' as const } : sender;
      const body = JSON.stringify({ ...message, author });
      const preview = message.type === 'text' ? message.text.slice(0, PREVIEW_CHARS) : '';
      let reply: Awaited<ReturnType<RelayRedis['appendMessage']>>;
      try {
        reply = await redis.appendMessage(
          keys.threadMeta(threadId), keys.threadStream(threadId), keys.threadDedup(threadId),
          dedupKey(sender, message), kindCode(sender, message), body, options.maxMessages, preview,
        );
      } catch (cause) {
        const text = (cause as Error).message;
        if (text.includes('NOTHREAD')) throw new ThreadStoreError('RELAY_ERR_NO_THREAD', `no thread ${threadId}`);
        if (text.includes('CLOSED')) throw new ThreadStoreError('RELAY_ERR_THREAD_CLOSED', `thread ${threadId} is closed`);
        throw cause;
      }
      const [id, duplicate, statusBefore, statusAfter, previousId, flatMeta] = reply;
      const streamId = id as StreamId;
      return {
        first: previousId === '',
        meta: fromFlat(flatMeta),
        id: streamId,
        at: streamIdTime(streamId),
        duplicate: duplicate === 1,
        statusBefore: statusBefore as ThreadStatus,
        statusAfter: statusAfter as ThreadStatus,
        message: { ...message, author, id: streamId, threadId, at: streamIdTime(streamId) } as Message,
      };
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

    /** Moves a side's read cursor forward; returns the cursor and whether it moved. */
    async markRead(threadId: ThreadId, side: Side, upTo: StreamId): Promise<{ cursor: StreamId | null; moved: boolean }> {
      try {
        const [cursor, moved] = await redis.markRead(keys.threadMeta(threadId), keys.threadStream(threadId), side, upTo);
        return { cursor: (cursor || null) as StreamId | null, moved: moved === 1 };
      } catch (cause) {
        if ((cause as Error).message.includes('NOTHREAD')) throw new ThreadStoreError('RELAY_ERR_NO_THREAD', `no thread ${threadId}`);
        throw cause;
      }
    },

    async update(id: ThreadId, changes: { status?: ThreadStatus; assignee?: StaffRef | null; complaint?: boolean; displayName?: string }): Promise<void> {
      const fields: Record<string, string> = {};
      if (changes.displayName !== undefined) fields.displayName = changes.displayName;
      if (changes.status !== undefined) fields.status = changes.status;
      if (changes.assignee !== undefined) fields.assignee = json(changes.assignee);
      if (changes.complaint !== undefined) fields.complaint = changes.complaint ? '1' : '0';
      await redis.hset(keys.threadMeta(id), fields);
    },
  };
}

export type ThreadStore = ReturnType<typeof createThreadStore>;
