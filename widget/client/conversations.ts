/**
 * The visitor's conversations as this page knows them: one ThreadState per thread, which
 * one a slot (general, or a doctor's) shows, and how each is brought up to date from the
 * relay's history. The last-seen id of each is kept in the browser.
 */
import { LIMITS } from '../../protocol/limits.ts';
import { sameSlot, type ThreadSlot } from '../../protocol/slots.ts';
import type { StreamId, ThreadId } from '../../protocol/stream-ids.ts';
import type { PatientThread } from '../../protocol/model.ts';
import type { HistoryPage } from '../../protocol/requests.ts';
import { catchUp, type FetchPage } from './client-core.ts';
import { ThreadState } from './thread-state.ts';
import type { VisitorStorage } from './visitor-storage.ts';

/** Newest messages loaded when a conversation is first shown, and older ones per scroll back. */
const FIRST_PAGE = 50;
/** Pages asked at a time when catching up. */
const CATCH_UP_PAGE = LIMITS.pageSizeMax;
/** On a return visit, how many pages of a gap since the last-seen id are filled before the newest page. */
const GAP_PAGES_MAX = 5;

export class Conversations {
  private readonly threads_ = new Map<ThreadId, ThreadState>();
  private readonly storage_: VisitorStorage;

  constructor(storage: VisitorStorage) {
    this.storage_ = storage;
  }

  get(id: ThreadId): ThreadState | undefined {
    return this.threads_.get(id);
  }

  all(): ThreadState[] {
    return [...this.threads_.values()];
  }

  clear(): void {
    this.threads_.clear();
  }

  /** Adds a thread or refreshes what is known of it. */
  upsert(thread: PatientThread): ThreadState {
    const known = this.threads_.get(thread.id);
    if (known) {
      known.update(thread);
      return known;
    }
    const state = new ThreadState(thread, this.storage_.lastSeen(thread.id));
    this.threads_.set(thread.id, state);
    return state;
  }

  /**
   * A slot's one timeline, oldest thread first: each thread written after a close
   * continues the one before it (`previousThreadId`); closing hides nothing.
   */
  timeline(slot: ThreadSlot): ThreadState[] {
    return this.all()
      .filter((state) => sameSlot(slot, state.thread))
      .sort((a, b) => a.thread.createdAt - b.thread.createdAt);
  }

  /**
   * The threads of a slot's timeline that are shown, oldest first: back from the newest
   * while each later one is loaded back to its start, so no gap ever opens between them.
   */
  shown(slot: ThreadSlot): ThreadState[] {
    const line = this.timeline(slot);
    let from = line.length - 1;
    while (from > 0 && line[from]!.loaded && !line[from]!.older) from--;
    return line.slice(Math.max(from, 0));
  }

  /** Where a new message of this slot goes: its newest thread, unless that is closed. */
  open(slot: ThreadSlot): ThreadState | undefined {
    const newest = this.timeline(slot).at(-1);
    return newest?.thread.status === 'closed' ? undefined : newest;
  }

  /** The relay says this thread is gone or closed: new messages of its slot open another. */
  markClosed(id: ThreadId): void {
    const state = this.threads_.get(id);
    if (state) state.thread = { ...state.thread, status: 'closed' };
  }

  /** Clinic messages not yet read, across all conversations. */
  unread(): number {
    return this.all().reduce((total, state) => total + state.unread(), 0);
  }

  /** Moves a conversation's last-seen id forward and keeps it for the next visit. */
  advance(state: ThreadState, id: StreamId | null): void {
    if (state.advance(id) && state.lastSeen) this.storage_.setLastSeen(state.thread.id, state.lastSeen);
  }

  /**
   * Brings one conversation up to date: on first sight the newest page (and the gap back to
   * the last visit's last-seen id), afterwards everything after last-seen. `took` runs after
   * every page; it throws to abandon a catch-up its connection no longer needs.
   */
  async sync(state: ThreadState, fetchPage: FetchPage, took: () => void): Promise<void> {
    const threadId = state.thread.id;
    const take = (page: HistoryPage) => {
      state.merge(page.messages);
      took();
    };
    if (!state.loaded) {
      const seenBefore = state.lastSeen;
      const newest = await fetchPage({ threadId, limit: FIRST_PAGE });
      take(newest);
      state.loaded = true;
      state.oldest = newest.oldest;
      state.older = newest.hasMore;
      let cursor = seenBefore;
      for (let pages = 0; cursor && newest.hasMore && newest.oldest && pages < GAP_PAGES_MAX; pages++) {
        const page = await fetchPage({ threadId, after: cursor, limit: CATCH_UP_PAGE });
        take(page);
        if (!page.hasMore || !page.cursor || page.reset || page.messages.some((m) => m.id === newest.oldest)) {
          // The gap is filled: what is loaded runs unbroken from its first message, so scrolling back starts there.
          state.oldest = state.messages[0]?.id ?? state.oldest;
          break;
        }
        cursor = page.cursor;
      }
      this.advance(state, newest.cursor);
    } else if (
      !(await catchUp(fetchPage, threadId, state.lastSeen, (page) => {
        take(page);
        this.advance(state, page.cursor);
      }))
    ) {
      // Retention removed what we missed: start this conversation afresh.
      state.clear();
      return this.sync(state, fetchPage, took);
    }
    state.synced = true;
  }

  /**
   * Loads history before the oldest message loaded, page by page until one adds a message
   * (a page may hold only private notes, or messages a gap fill already brought).
   */
  async older(state: ThreadState, fetchPage: FetchPage): Promise<void> {
    for (let before = state.oldest; state.older && before; before = state.oldest) {
      const page = await fetchPage({ threadId: state.thread.id, before, limit: FIRST_PAGE });
      // Reloaded meanwhile (a retention reset): this page belongs to the old copy.
      if (state.oldest !== before) return;
      state.oldest = page.oldest;
      state.older = page.hasMore;
      if (state.merge(page.messages).length > 0) return;
    }
  }
}
