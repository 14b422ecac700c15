/**
 * Staff messages not yet acknowledged by the relay. They are sent one at a time in the
 * order written and retried with the same clientId until acked (the relay treats a
 * repeat id as the same message). Errors that retrying cannot fix (closed thread, role)
 * park the message as failed for the author to retry or discard. In memory only: a
 * staff member who reloads mid-send sees the message missing, not doubled.
 */
import type { ClientMessageId, ThreadId } from '../../protocol/ids.ts';
import type { SendResult } from '../../protocol/requests.ts';
import type { AttachmentRef } from '../../protocol/attachments.ts';
import { asClientError, backoff, isRetryable, type ClientErrorCode } from '../../widget/client/client-core.ts';
import { newClientMessageId } from '../../protocol/stream-ids.ts';
import { Observable } from './observable.ts';

export interface OutboxEntry {
  readonly clientId: ClientMessageId;
  readonly threadId: ThreadId;
  readonly text: string;
  readonly private: boolean;
  /** Uploaded files it carries (issue 9); the relay gets their ids. */
  readonly attachments: readonly AttachmentRef[];
  failed: ClientErrorCode | null;
}

export type OutboxSender = (entry: OutboxEntry) => Promise<SendResult>;
export type OutboxAcked = (entry: OutboxEntry, result: SendResult) => void;

export class Outbox extends Observable {
  #entries: OutboxEntry[] = [];
  #sending = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Retries since the last ack, for the backoff. */
  #attempt = 0;
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

  add(threadId: ThreadId, text: string, isPrivate: boolean, attachments: readonly AttachmentRef[] = []): OutboxEntry {
    const entry: OutboxEntry = { clientId: newClientMessageId(), threadId, text, private: isPrivate, attachments, failed: null };
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
          this.#attempt = 0;
          this.acked(entry, result);
        } catch (error) {
          const code = asClientError(error).code;
          if (isRetryable(code)) {
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
    this.#retryTimer = setTimeout(() => void this.flush(), backoff(this.#attempt++));
  }
}
