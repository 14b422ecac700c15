/**
 * One conversation's history as this console has it: a window of messages ordered by
 * stream id, grown backwards by scrolling up and forwards by pushes and catch-ups.
 *
 * `syncedUpTo` is the last stream id up to which the console holds *everything*. Pushes
 * only advance it while the socket is live and a catch-up has run since it connected;
 * otherwise a push arriving before the catch-up would hide the gap it must fill.
 */
import { LIMITS } from '../../protocol/limits.ts';
import { compareStreamIds, laterStreamId as maxId } from '../../protocol/stream-ids.ts';
import type { StreamId, ThreadId } from '../../protocol/ids.ts';
import type { Message } from '../../protocol/model.ts';
import { asClientError, catchUp, type ClientErrorCode, type FetchPage } from '../../widget/client/client-core.ts';
import { Observable } from './observable.ts';

export type ConversationState = 'loading' | 'ready' | 'failed';

export class ConversationStore extends Observable {
  messages: Message[] = [];
  state: ConversationState = 'loading';
  error: ClientErrorCode | null = null;
  hasOlder = false;
  loadingOlder = false;

  #syncedUpTo: StreamId | null = null;
  #live = false;

  constructor(
    readonly threadId: ThreadId,
    private readonly load: FetchPage,
  ) {
    super();
  }

  get newestId(): StreamId | null {
    return this.messages.at(-1)?.id ?? null;
  }

  /** The newest page, replacing whatever was held. */
  async loadLatest(): Promise<void> {
    this.state = this.messages.length ? this.state : 'loading';
    this.changed();
    try {
      const page = await this.load({ threadId: this.threadId, limit: LIMITS.pageSizeDefault });
      const end = maxId(page.cursor, page.messages.at(-1)?.id ?? null);
      // Keep pushes that landed past the page while it was in flight.
      const later = end ? this.messages.filter((m) => compareStreamIds(m.id, end) > 0) : this.messages;
      this.messages = [...page.messages, ...later];
      this.hasOlder = page.hasMore;
      this.#syncedUpTo = maxId(page.cursor, this.newestId);
      this.#live = true;
      this.state = 'ready';
      this.error = null;
    } catch (error) {
      this.state = this.messages.length ? 'ready' : 'failed';
      this.error = asClientError(error).code;
    }
    this.changed();
  }

  async loadOlder(): Promise<void> {
    const oldest = this.messages[0]?.id;
    if (!oldest || !this.hasOlder || this.loadingOlder) return;
    this.loadingOlder = true;
    this.changed();
    try {
      const page = await this.load({ threadId: this.threadId, before: oldest, limit: LIMITS.pageSizeDefault });
      for (const message of page.messages) this.#merge(message);
      this.hasOlder = page.hasMore;
    } catch (error) {
      this.error = asClientError(error).code;
    } finally {
      this.loadingOlder = false;
      this.changed();
    }
  }

  /** Loads older pages until a message is held (a search hit), as far back as the history goes. */
  async reveal(id: StreamId): Promise<boolean> {
    for (;;) {
      await this.#idle();
      if (this.messages.some((m) => m.id === id)) return true;
      if (!this.hasOlder || this.state === 'failed') return false;
      await this.loadOlder();
    }
  }

  /** Resolves once no page is being loaded. */
  #idle(): Promise<void> {
    const idle = () => this.state !== 'loading' && !this.loadingOlder;
    return new Promise((resolve) => {
      if (idle()) return resolve();
      const off = this.subscribe(() => {
        if (!idle()) return;
        off();
        resolve();
      });
    });
  }

  /** After a reconnect: everything after the last id held, page by page; reload on a reset. */
  async catchUp(): Promise<void> {
    if (this.state !== 'ready' || this.#syncedUpTo === null) return this.loadLatest();
    try {
      const complete = await catchUp(this.load, this.threadId, this.#syncedUpTo, (page, reached) => {
        for (const message of page.messages) this.#merge(message);
        this.#syncedUpTo = maxId(this.#syncedUpTo, reached);
      });
      // Retention removed what was missed: start afresh.
      if (!complete) return this.loadLatest();
      // Pushes received since the connect are complete from here on.
      this.#syncedUpTo = maxId(this.#syncedUpTo, this.newestId);
      this.#live = true;
      this.error = null;
    } catch (error) {
      this.error = asClientError(error).code;
    }
    this.changed();
  }

  /** The socket dropped: pushes no longer prove the history is complete. */
  pause(): void {
    this.#live = false;
  }

  receive(message: Message): void {
    this.#merge(message);
    if (this.#live) this.#syncedUpTo = maxId(this.#syncedUpTo, message.id);
    this.changed();
  }

  #merge(message: Message): void {
    const list = this.messages;
    const last = list.at(-1);
    if (!last || compareStreamIds(message.id, last.id) > 0) {
      this.messages = [...list, message];
      return;
    }
    let index = list.findIndex((held) => compareStreamIds(held.id, message.id) >= 0);
    if (index === -1) index = list.length;
    if (list[index]?.id === message.id) return;
    this.messages = [...list.slice(0, index), message, ...list.slice(index)];
  }
}
