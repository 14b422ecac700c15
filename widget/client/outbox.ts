/**
 * The persistent outbox: every message is stored here before it is sent and leaves
 * only when the relay has it (an ack, or the message coming back live). Tabs share it
 * through localStorage; a Web Lock makes one tab at a time send, so two tabs never
 * race to send the same entry. (The relay drops a repeated client id anyway; the lock
 * just spares the round trip.)
 */
import type { AttachmentRef } from '../../protocol/attachments.ts';
import type { ThreadSlot } from '../../protocol/slots.ts';
import type { ClientMessageId, ThreadId } from '../../protocol/stream-ids.ts';
import type { VisitorStorage } from './visitor-storage.ts';

export interface OutboxEntry {
  clientId: ClientMessageId;
  /** Which conversation it belongs to, before the relay has given it a thread id. */
  slot: ThreadSlot;
  /** Known once the thread exists; a first message opens the thread when it is sent. */
  threadId: ThreadId | null;
  text: string;
  /** Uploaded files it carries (issue 9), shown while it waits; the relay gets their ids. */
  attachments?: AttachmentRef[];
  /** Local time it was written, for ordering unsent messages. */
  createdAt: number;
}

const GROUP = 'outbox:';

function parseEntry(raw: string): OutboxEntry | null {
  try {
    const value = JSON.parse(raw) as Partial<OutboxEntry> | null;
    const slot = value?.slot;
    const slotOk = slot?.kind === 'general' || (slot?.kind === 'doctor' && typeof slot.doctorId === 'string');
    if (value && slotOk && typeof value.clientId === 'string' && typeof value.text === 'string' && typeof value.createdAt === 'number') {
      const { clientId, threadId = null, text, createdAt, attachments } = value;
      return { clientId, slot: slot!, threadId, text, createdAt, ...(Array.isArray(attachments) && { attachments }) };
    }
    return null;
  } catch {
    // Another script wrote something unreadable under our key: not ours to send.
    return null;
  }
}

export class Outbox {
  private readonly storage_: VisitorStorage;
  private readonly lockName_: string;

  constructor(storage: VisitorStorage) {
    this.storage_ = storage;
    this.lockName_ = `${storage.prefix}outbox`;
  }

  /** Unsent messages, oldest first, as stored right now (other tabs included). */
  entries(): OutboxEntry[] {
    return this.storage_
      .list(GROUP)
      .map(([, raw]) => parseEntry(raw))
      .filter((entry): entry is OutboxEntry => entry !== null)
      .sort((a, b) => a.createdAt - b.createdAt || (a.clientId < b.clientId ? -1 : 1));
  }

  has(clientId: ClientMessageId): boolean {
    return this.storage_.list(GROUP + clientId).length > 0;
  }

  /** Whether a storage key (from a `storage` event) is one of this outbox's entries. */
  isEntryKey(key: string | null): boolean {
    return key !== null && key.startsWith(this.storage_.prefix + GROUP);
  }

  /**
   * Stores a new message after every unsent one, also when written within the same
   * millisecond (or after the clock stepped back): a later message never sorts, and so is
   * never sent, before an earlier one.
   */
  add(message: Omit<OutboxEntry, 'createdAt'>, now = Date.now()): OutboxEntry {
    const newest = this.entries().at(-1)?.createdAt ?? -Infinity;
    const entry = { ...message, createdAt: Math.max(now, newest + 1) };
    this.put(entry);
    return entry;
  }

  put(entry: OutboxEntry): void {
    this.storage_.put(GROUP, entry.clientId, JSON.stringify(entry));
  }

  remove(clientId: ClientMessageId): void {
    this.storage_.drop(GROUP, clientId);
  }

  /**
   * Runs `work` while no other tab of this site runs its own; where the browser has no
   * Web Locks it runs at once and relies on the relay's de-duplication.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const locks = globalThis.navigator?.locks;
    return locks ? (locks.request(this.lockName_, work) as Promise<T>) : work();
  }
}
