/**
 * The inbox: every thread this console knows (from pages and live updates), the ordered
 * list the current filter shows (oldest wait first in the awaiting view, else newest
 * activity first), and how many threads each view holds.
 */
import { compareStreamIds } from '../../protocol/stream-ids.ts';
import type { StaffId, ThreadId } from '../../protocol/ids.ts';
import type { Role, StaffThread } from '../../protocol/model.ts';
import type { InboxPage, ReadEvent } from '../../protocol/requests.ts';
import type { InboxCounts } from '../../protocol/queue.ts';
import { defaultView, matchesView } from '../../protocol/inbox-views.ts';
import { asClientError, type ClientErrorCode } from '../../widget/client/client-core.ts';
import { cursorField, filterRequest, ordering, type FilterId, type FilterRequest } from './inbox-filters.ts';
import { Observable } from './observable.ts';
import { canRead } from '../../protocol/permissions.ts';

export type InboxLoader = (request: FilterRequest & { before?: number; after?: number }) => Promise<InboxPage>;
export type CountsLoader = () => Promise<InboxCounts>;

export class InboxStore extends Observable {
  filter: FilterId;
  /** Threads per view, as the relay last counted them. */
  counts: InboxCounts['counts'] = {};
  loading = false;
  error: ClientErrorCode | null = null;
  /** The `before` of the next page, or null at the end. */
  next: number | null = null;

  readonly #threads = new Map<ThreadId, StaffThread>();
  #listed = new Set<ThreadId>();
  /** Guards against a slow page of an old filter landing after a newer request. */
  #generation = 0;
  /** Counts are being asked for; `#countsStale`: something changed since the question left. */
  #countsAsked = false;
  #countsStale = false;

  /** Threads taken out of this staff member's sight (reassigned away) since they were listed. */
  readonly #gone = new Set<ThreadId>();
  /**
   * Per thread, the number of the last push or answer that brought or took it: a page asked
   * before then is older, so it neither overwrites the thread nor decides whether it is listed.
   */
  readonly #touchedAt = new Map<ThreadId, number>();
  #touches = 0;

  constructor(
    private readonly me: StaffId,
    private readonly role: Role,
    private readonly load: InboxLoader,
    private readonly loadCounts: CountsLoader,
  ) {
    super();
    this.filter = defaultView(role);
  }

  get threads(): StaffThread[] {
    const list: StaffThread[] = [];
    for (const id of this.#listed) {
      const thread = this.#threads.get(id);
      if (thread) list.push(thread);
    }
    return list.sort(ordering(this.filter));
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
    void this.refreshCounts();
    const asked = this.#touches;
    try {
      const page = await this.load(filterRequest(filter));
      if (generation !== this.#generation) return;
      // A thread pushed while the page was on its way (a patient's first message) stays, as the push left it.
      this.#listed = new Set();
      for (const [id, at] of this.#touchedAt) {
        const thread = this.#threads.get(id);
        if (at > asked && thread && matchesView(thread, this.filter, this.me)) this.#listed.add(id);
      }
      this.#accept(page, asked);
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
    const asked = this.#touches;
    this.loading = true;
    this.changed();
    try {
      const page = await this.load({ ...filterRequest(this.filter), [cursorField(this.filter)]: this.next });
      if (generation === this.#generation) this.#accept(page, asked);
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
    this.#touchedAt.set(thread.id, ++this.#touches);
    this.#gone.delete(thread.id);
    this.#threads.set(thread.id, thread);
    if (matchesView(thread, this.filter, this.me)) this.#listed.add(thread.id);
    else this.#listed.delete(thread.id);
    this.changed();
    void this.refreshCounts();
  }

  /**
   * Asks the relay for the views' counts; while a question is out, later changes ask
   * once more when it is answered, so a burst of pushes costs two requests, not one each.
   */
  async refreshCounts(): Promise<void> {
    if (this.#countsAsked) {
      this.#countsStale = true;
      return;
    }
    this.#countsAsked = true;
    try {
      do {
        this.#countsStale = false;
        this.counts = (await this.loadCounts()).counts;
        this.changed();
      } while (this.#countsStale);
    } catch (error) {
      // The next push or reconnect asks again; counts are a hint, never worth an error on screen.
      if (asClientError(error).code !== 'OFFLINE') console.warn(`[console] counts: ${asClientError(error).code}`);
    } finally {
      this.#countsAsked = false;
    }
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
    this.#touchedAt.set(id, ++this.#touches);
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

  /** A page asked when `asked` touches had happened. */
  #accept(page: InboxPage, asked: number): void {
    for (const thread of page.threads) {
      if ((this.#touchedAt.get(thread.id) ?? 0) > asked) continue;
      this.#threads.set(thread.id, thread);
      this.#listed.add(thread.id);
    }
    this.next = page.next;
  }
}
