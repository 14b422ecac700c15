/**
 * Sends the outbox: in order, one tab at a time (under the outbox's lock), each message
 * until the relay acknowledges it. A message the relay asks to repeat waits (with backoff)
 * and holds back those after it; one the relay refuses for good is kept aside as failed.
 */
import type { ClientMessageId, StreamId, ThreadId } from '../../protocol/stream-ids.ts';
import { asClientError, backoff, isRetryable, request, type ClientError } from './client-core.ts';
import type { Outbox, OutboxEntry } from './outbox.ts';
import type { ThreadState } from './thread-state.ts';
import type { VisitorSocket } from './visitor-socket.ts';

/** What the sender needs from the client it works for. */
export interface SenderHost {
  /** The socket, while it is connected and caught up; null otherwise. */
  socket(): VisitorSocket | null;
  /** The conversation an entry goes to, opened on the relay if it does not exist yet. */
  threadFor(entry: OutboxEntry): Promise<ThreadState>;
  /** A message was stored under this stream id (and is now in the conversation). */
  stored(state: ThreadState, id: StreamId): void;
  /** The relay says the thread is gone or closed. */
  threadGone(threadId: ThreadId): void;
  changed(): void;
  /** A passing failure, worth reporting but not showing. */
  report(error: ClientError): void;
  /** A message the relay will never take. */
  failed(error: ClientError): void;
}

export class Sender {
  private readonly outbox_: Outbox;
  private readonly host_: SenderHost;
  private readonly failed_ = new Map<ClientMessageId, { entry: OutboxEntry; error: ClientError }>();
  /** Messages whose thread was found gone, re-sent to a new thread once. */
  private readonly reopened_ = new Set<ClientMessageId>();
  private flushing_: Promise<void> | null = null;
  private again_ = false;
  private attempt_ = 0;
  private retryTimer_: ReturnType<typeof setTimeout> | undefined;

  constructor(outbox: Outbox, host: SenderHost) {
    this.outbox_ = outbox;
    this.host_ = host;
  }

  /** Sends what the outbox holds; a call during a round asks for another round after it. */
  flush(): Promise<void> {
    if (this.flushing_) {
      this.again_ = true;
      return this.flushing_;
    }
    this.flushing_ = (async () => {
      do {
        this.again_ = false;
        await this.outbox_.exclusive(() => this.sendAll_());
      } while (this.again_ && this.host_.socket());
    })().finally(() => {
      this.flushing_ = null;
    });
    return this.flushing_;
  }

  /** Messages the relay refused for good, with why. */
  failed(): { entry: OutboxEntry; error: ClientError }[] {
    return [...this.failed_.values()];
  }

  dismiss(clientId: ClientMessageId): boolean {
    return this.failed_.delete(clientId);
  }

  /** Puts a failed message back in the outbox, with one more chance to open a new thread; false if unknown. */
  retry(clientId: ClientMessageId): boolean {
    const failed = this.failed_.get(clientId);
    if (!failed) return false;
    this.failed_.delete(clientId);
    this.reopened_.delete(clientId);
    this.outbox_.put(failed.entry);
    return true;
  }

  stop(): void {
    clearTimeout(this.retryTimer_);
  }

  private async sendAll_(): Promise<void> {
    for (const entry of this.outbox_.entries()) {
      const socket = this.host_.socket();
      if (!socket) return;
      // Re-read under the lock: another tab may have sent it while we waited.
      if (!this.outbox_.has(entry.clientId)) continue;
      let threadId = entry.threadId;
      try {
        const state = await this.host_.threadFor(entry);
        threadId = state.thread.id;
        if (!state.hasClientId(entry.clientId)) {
          const { clientId, text, attachments } = entry;
          const files = attachments && { attachments: attachments.map((file) => file.id) };
          const { id, at } = await request(socket, 'message:send', { threadId: state.thread.id, clientId, text, ...files });
          state.merge([{ id, at, threadId: state.thread.id, type: 'text', clientId, author: { kind: 'patient' }, text, ...(attachments && { attachments }) }]);
          this.host_.stored(state, id);
        }
        this.outbox_.remove(entry.clientId);
        this.attempt_ = 0;
        this.host_.changed();
      } catch (caught) {
        const error = asClientError(caught);
        if ((error.code === 'NOT_FOUND' || error.code === 'THREAD_CLOSED') && threadId && !this.reopened_.has(entry.clientId)) {
          // The conversation ended or belongs to a previous visitor token: the next round opens a new one (once).
          this.reopened_.add(entry.clientId);
          this.outbox_.put({ ...entry, threadId: null });
          this.host_.threadGone(threadId);
          this.again_ = true;
          return;
        }
        if (isRetryable(error.code)) {
          this.host_.report(error);
          this.retryLater_();
          return;
        }
        this.outbox_.remove(entry.clientId);
        this.failed_.set(entry.clientId, { entry, error });
        this.host_.failed(error);
        this.host_.changed();
      }
    }
  }

  private retryLater_(): void {
    clearTimeout(this.retryTimer_);
    this.retryTimer_ = setTimeout(() => void this.flush(), backoff(this.attempt_++));
  }
}
