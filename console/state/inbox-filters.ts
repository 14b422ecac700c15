/**
 * The inbox's filters: each is one `inbox:list` request, and the same rule decides
 * whether a live `thread:update` belongs in the list being shown.
 */
import type { StaffId } from '../../protocol/ids.ts';
import type { StaffThread, ThreadStatus } from '../../protocol/model.ts';
import type { InboxRequest } from '../../protocol/requests.ts';

export const FILTER_IDS = ['unassigned', 'mine', 'open', 'waiting', 'solved', 'closed'] as const;
export type FilterId = (typeof FILTER_IDS)[number];
export const DEFAULT_FILTER: FilterId = 'open';

interface FilterRule {
  status: ThreadStatus;
  assignee?: 'me' | 'unassigned';
}

const RULES: Record<FilterId, FilterRule> = {
  unassigned: { status: 'open', assignee: 'unassigned' },
  mine: { status: 'open', assignee: 'me' },
  open: { status: 'open' },
  waiting: { status: 'waiting' },
  solved: { status: 'solved' },
  closed: { status: 'closed' },
};

export function filterRequest(filter: FilterId): Omit<InboxRequest, 'before' | 'limit'> {
  const { status, assignee } = RULES[filter];
  return assignee ? { status, assignee } : { status };
}

export function matchesFilter(thread: StaffThread, filter: FilterId, me: StaffId): boolean {
  const rule = RULES[filter];
  if (thread.status !== rule.status) return false;
  if (rule.assignee === 'unassigned') return thread.assignee === null;
  if (rule.assignee === 'me') return thread.assignee?.id === me;
  return true;
}
