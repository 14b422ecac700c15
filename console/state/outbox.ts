/**
 * Staff messages not yet acknowledged by the relay. They are sent one at a time in the
 * order written and retried with the same clientId until acked (the relay treats a
 * repeat id as the same message). Errors that retrying cannot fix (closed thread, role)
 * park the message as failed for the author to retry or discard. In memory only: a
 * staff member who reloads mid-send sees the message missing, not doubled.
 */
import { RETRYABLE } from '../../protocol/errors.ts';
import type { ClientMessageId, ThreadId } from '../../protocol/ids.ts';
import type { SendResult } from '../../protocol/requests.ts';
import { errorCode, type ConsoleErrorCode } from '../api/console-error.ts';
import { newClientMessageId } from '../../protocol/stream-ids.ts';
import { Observable } from './observable.ts';

export interface OutboxEntry {
  readonly clientId: ClientMessageId;
  readonly threadId: ThreadId;
  readonly text: string;
  readonly private: boolean;
  failed: ConsoleErrorCode | null;
}

export type OutboxSender = (entry: OutboxEntry) => Promise<SendResult>;
export type OutboxAcked = (entry: OutboxEntry, result: SendResult) => void;

const RETRY_DELAY_MIN_MS = 1_000;
const RETRY_DELAY_MAX_MS = 15_000;

const isTransient = (code: ConsoleErrorCode) => code === 'OFFLINE' || code === 'TIMEOUT' || RETRYABLE.has(code as never);

export class Outbox extends Observable {
  #entries: OutboxEntry[] = [];
  #sending = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #retryDelay = RETRY_DELAY_MIN_MS;
  #disposed = false;

  constructor(
    private readonly send: OutboxSender,
    private readonly acked: OutboxAcked,
    private readonly canSend: () => boolean,
  ) {
    super();
  }

  entriesOf(threadId: ThreadId): readonly OutboxEntry[] {
    return this.#entries.filter((entry) => entry.threadId === threadId);
  }

  add(threadId: ThreadId, text: string, isPrivate: boolean): OutboxEntry {
    const entry: OutboxEntry = { clientId: newClientMessageId(), threadId, text, private: isPrivate, failed: null };
    this.#entries.push(entry);
    this.changed();
    void this.flush();
    return entry;
  }

  retry(clientId: ClientMessageId): void {
    const entry = this.#entries.find((e) => e.clientId === clientId);
    if (!entry) return;
    entry.failed = null;
    this.changed();
    void this.flush();
  }

  discard(clientId: ClientMessageId): void {
    this.#entries = this.#entries.filter((e) => e.clientId !== clientId);
    this.changed();
  }

  /** Sends what is waiting; called on add, on (re)connect and by the retry timer. */
  async flush(): Promise<void> {
    if (this.#sending || this.#disposed || !this.canSend()) return;
    clearTimeout(this.#retryTimer);
    this.#sending = true;
    try {
      for (let entry = this.#next(); entry; entry = this.#next()) {
        try {
          const result = await this.send(entry);
          this.#entries = this.#entries.filter((e) => e !== entry);
          this.#retryDelay = RETRY_DELAY_MIN_MS;
          this.acked(entry, result);
        } catch (error) {
          const code = errorCode(error);
          if (isTransient(code)) {
            this.#scheduleRetry();
            return;
          }
          entry.failed = code;
        }
        this.changed();
      }
    } finally {
      this.#sending = false;
    }
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#retryTimer);
  }

  #next(): OutboxEntry | undefined {
    return this.#entries.find((entry) => entry.failed === null);
  }

  #scheduleRetry(): void {
    if (this.#disposed) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => void this.flush(), this.#retryDelay);
    this.#retryDelay = Math.min(this.#retryDelay * 2, RETRY_DELAY_MAX_MS);
  }
}
