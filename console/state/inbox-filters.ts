/**
 * The inbox's filters are the protocol's views (protocol/inbox-views.ts): each is one
 * `inbox:list` request, the same rule decides whether a live `thread:update` belongs in
 * the list being shown, and the awaiting view is ordered by waiting time.
 */
import { VIEW_RULES, type InboxView } from '../../protocol/inbox-views.ts';
import type { StaffThread } from '../../protocol/model.ts';
import type { InboxRequest } from '../../protocol/requests.ts';

export type FilterId = InboxView;

export type FilterRequest = Omit<InboxRequest, 'before' | 'after' | 'limit'>;

export function filterRequest(filter: FilterId): FilterRequest {
  const { set, status, assignee } = VIEW_RULES[filter];
  if (set) return { view: set };
  return { ...(status ? { status } : {}), ...(assignee ? { assignee } : {}) };
}

/** The awaiting view reads oldest wait first and pages forward in time. */
export const oldestWaitFirst = (filter: FilterId): boolean => filter === 'awaiting';

/** The page cursor's field for a filter. */
export const cursorField = (filter: FilterId): 'after' | 'before' => (oldestWaitFirst(filter) ? 'after' : 'before');

const tieBreak = (a: StaffThread, b: StaffThread) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** How a filter's list is ordered: oldest wait first, or newest activity first. */
export function ordering(filter: FilterId): (a: StaffThread, b: StaffThread) => number {
  return oldestWaitFirst(filter)
    ? (a, b) => (a.awaitingSince ?? 0) - (b.awaitingSince ?? 0) || tieBreak(a, b)
    : (a, b) => b.lastActivityAt - a.lastActivityAt || tieBreak(a, b);
}
