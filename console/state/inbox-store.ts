/**
 * The inbox: every thread this console knows (from pages and live updates) and the
 * ordered list the current filter shows, newest activity first.
 */
import { compareStreamIds } from '../../protocol/stream-ids.ts';
import type { StaffId, ThreadId } from '../../protocol/ids.ts';
import type { Role, StaffThread } from '../../protocol/model.ts';
import type { InboxPage, ReadEvent } from '../../protocol/requests.ts';
import { asClientError, type ClientErrorCode } from '../../widget/client/client-core.ts';
import { DEFAULT_FILTER, filterRequest, matchesFilter, type FilterId } from './inbox-filters.ts';
import { Observable } from './observable.ts';
import { canRead } from '../../protocol/permissions.ts';

export type InboxLoader = (request: ReturnType<typeof filterRequest> & { before?: number }) => Promise<InboxPage>;

const byActivity = (a: StaffThread, b: StaffThread) => b.lastActivityAt - a.lastActivityAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class InboxStore extends Observable {
  filter: FilterId = DEFAULT_FILTER;
  loading = false;
  error: ClientErrorCode | null = null;
  /** The `before` of the next page, or null at the end. */
  next: number | null = null;

  readonly #threads = new Map<ThreadId, StaffThread>();
  #listed = new Set<ThreadId>();
  /** Guards against a slow page of an old filter landing after a newer request. */
  #generation = 0;

  /** Threads taken out of this staff member's sight (reassigned away) since they were listed. */
  readonly #gone = new Set<ThreadId>();

  constructor(
    private readonly me: StaffId,
    private readonly role: Role,
    private readonly load: InboxLoader,
  ) {
    super();
  }

  get threads(): StaffThread[] {
    const list: StaffThread[] = [];
    for (const id of this.#listed) {
      const thread = this.#threads.get(id);
      if (thread) list.push(thread);
    }
    return list.sort(byActivity);
  }

  thread(id: ThreadId): StaffThread | undefined {
    return this.#threads.get(id);
  }

  isGone(id: ThreadId): boolean {
    return this.#gone.has(id);
  }

  /** Conversations still being worked on with patient messages nobody has read: the tab title's count. */
  get waitingCount(): number {
    let count = 0;
    for (const thread of this.#threads.values()) {
      if ((thread.status === 'open' || thread.status === 'waiting') && thread.unread > 0) count += 1;
    }
    return count;
  }

  /** Loads the first page of a filter, replacing the list (also used to resync after a reconnect). */
  async show(filter: FilterId = this.filter): Promise<void> {
    const generation = ++this.#generation;
    this.filter = filter;
    this.loading = true;
    this.error = null;
    this.changed();
    try {
      const page = await this.load(filterRequest(filter));
      if (generation !== this.#generation) return;
      this.#listed = new Set();
      this.#accept(page);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = asClientError(error).code;
    } finally {
      if (generation === this.#generation) {
        this.loading = false;
        this.changed();
      }
    }
  }

  async more(): Promise<void> {
    if (this.next === null || this.loading) return;
    const generation = this.#generation;
    this.loading = true;
    this.changed();
    try {
      const page = await this.load({ ...filterRequest(this.filter), before: this.next });
      if (generation === this.#generation) this.#accept(page);
    } catch (error) {
      if (generation === this.#generation) this.error = asClientError(error).code;
    } finally {
      if (generation === this.#generation) {
        this.loading = false;
        this.changed();
      }
    }
  }

  /** A thread as the relay now sees it (a push, or the answer to an action). */
  upsert(thread: StaffThread): void {
    if (!canRead({ id: this.me, role: this.role }, thread)) return this.forget(thread.id);
    this.#gone.delete(thread.id);
    this.#threads.set(thread.id, thread);
    if (matchesFilter(thread, this.filter, this.me)) this.#listed.add(thread.id);
    else this.#listed.delete(thread.id);
    this.changed();
  }

  /** The thread once a push or page brings it, or undefined after `waitMs`. */
  sighting(id: ThreadId, waitMs: number): Promise<StaffThread | undefined> {
    return new Promise((resolve) => {
      const done = (thread: StaffThread | undefined) => {
        unsubscribe();
        clearTimeout(timer);
        resolve(thread);
      };
      const unsubscribe = this.subscribe(() => {
        const thread = this.#threads.get(id);
        if (thread) done(thread);
      });
      const timer = setTimeout(() => done(this.#threads.get(id)), waitMs);
    });
  }

  /** The thread is not (or no longer) this staff member's to see. */
  forget(id: ThreadId): void {
    this.#threads.delete(id);
    this.#listed.delete(id);
    this.#gone.add(id);
    this.changed();
  }

  applyRead(event: ReadEvent): void {
    const thread = this.#threads.get(event.threadId);
    if (!thread) return;
    const current = thread.read[event.side];
    if (current && compareStreamIds(current, event.upTo) >= 0) return;
    const read = { ...thread.read, [event.side]: event.upTo };
    // Staff having read up to the newest entry means nothing is unread for staff any more.
    const unread = event.side === 'staff' && thread.lastId && compareStreamIds(event.upTo, thread.lastId) >= 0 ? 0 : thread.unread;
    this.#threads.set(thread.id, { ...thread, read, unread });
    this.changed();
  }

  #accept(page: InboxPage): void {
    for (const thread of page.threads) {
      this.#threads.set(thread.id, thread);
      this.#listed.add(thread.id);
    }
    this.next = page.next;
  }
}
