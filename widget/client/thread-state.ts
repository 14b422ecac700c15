/**
 * One conversation as this page knows it: the thread, its messages ordered by stream
 * id (never twice), and where this reader is in it.
 */
import { compareStreamIds, laterStreamId as later, type StreamId } from '../../protocol/stream-ids.ts';
import type { Message, PatientThread } from '../../protocol/model.ts';

export class ThreadState {
  thread: PatientThread;
  messages: Message[] = [];
  /** History has been loaded in this page. */
  loaded = false;
  /** Caught up on the current connection: live messages may move `lastSeen`. */
  synced = false;
  /** The newest stream id this reader has covered; asked `after` on reconnect. */
  lastSeen: StreamId | null;
  /** The oldest stream id of the unbroken run of history loaded back from the newest: ask `before` it for older. */
  oldest: StreamId | null = null;
  /** The relay has messages before `oldest`. */
  older = false;
  private readonly ids_ = new Set<string>();

  constructor(thread: PatientThread, lastSeen: StreamId | null) {
    this.thread = thread;
    this.lastSeen = lastSeen;
  }

  /** Adds messages not seen before; returns those that were new. */
  merge(incoming: readonly Message[]): Message[] {
    const added = incoming.filter((m) => !this.ids_.has(m.id) && m.threadId === this.thread.id);
    if (added.length === 0) return added;
    for (const m of added) this.ids_.add(m.id);
    this.messages = [...this.messages, ...added].sort((a, b) => compareStreamIds(a.id, b.id));
    return added;
  }

  clear(): void {
    this.messages = [];
    this.ids_.clear();
    this.loaded = false;
    this.lastSeen = null;
    this.oldest = null;
    this.older = false;
  }

  /** Moves the last-seen id forward (never back); true when it moved. */
  advance(id: StreamId | null): boolean {
    const next = later(this.lastSeen, id);
    if (next === this.lastSeen) return false;
    this.lastSeen = next;
    return true;
  }

  update(thread: PatientThread): void {
    // A snapshot may be older than a read event already applied: cursors only move forward.
    this.thread = {
      ...thread,
      read: {
        patient: later(this.thread.read.patient, thread.read.patient),
        staff: later(this.thread.read.staff, thread.read.staff),
      },
    };
  }

  moveRead(side: 'patient' | 'staff', upTo: StreamId): boolean {
    const current = this.thread.read[side];
    const next = later(current, upTo);
    if (next === current) return false;
    this.thread = { ...this.thread, read: { ...this.thread.read, [side]: next } };
    return true;
  }

  hasClientId(clientId: string): boolean {
    return this.messages.some((m) => m.type === 'text' && m.clientId === clientId);
  }

  latestId(): StreamId | null {
    return this.messages.at(-1)?.id ?? this.thread.lastId;
  }

  /** Staff messages after the patient's read cursor. */
  unread(): number {
    if (!this.loaded) return this.thread.unread;
    const read = this.thread.read.patient;
    return this.messages.filter((m) => m.author.kind === 'staff' && m.type === 'text' && (read === null || compareStreamIds(m.id, read) > 0)).length;
  }

  isRead(id: StreamId): boolean {
    const read = this.thread.read.staff;
    return read !== null && compareStreamIds(read, id) >= 0;
  }
}
