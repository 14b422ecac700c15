/**
 * The inbox's views (issue 12 §2): each is one way to ask `inbox:list`, the rule that
 * decides whether a live thread belongs in it, and one count of `inbox:counts`. The relay
 * and the console both read them from here, so a count and the list it counts cannot
 * disagree. No runtime dependencies.
 */
import type { Role, ThreadStatus } from './constants.ts';
import type { StaffId } from './stream-ids.ts';

/**
 * `awaiting`: the patient wrote last and the thread is open ("Waiting for us"), oldest
 * wait first; `complaints`: marked complaints; `all`: every thread the role may read.
 */
export const INBOX_VIEWS = ['awaiting', 'mine', 'unassigned', 'open', 'waiting', 'solved', 'closed', 'complaints', 'all'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

/** Sets of threads that are not a status: what `InboxRequest.view` asks for. */
export const INBOX_SETS = ['awaiting', 'complaints'] as const;
export type InboxSet = (typeof INBOX_SETS)[number];

export interface ViewRule {
  status?: ThreadStatus;
  assignee?: 'me' | 'unassigned';
  set?: InboxSet;
}

export const VIEW_RULES: Record<InboxView, ViewRule> = {
  awaiting: { set: 'awaiting' },
  mine: { status: 'open', assignee: 'me' },
  unassigned: { status: 'open', assignee: 'unassigned' },
  open: { status: 'open' },
  waiting: { status: 'waiting' },
  solved: { status: 'solved' },
  closed: { status: 'closed' },
  complaints: { set: 'complaints' },
  all: {},
};

/** The facts a view looks at; StaffThread and the relay's metadata both have them. */
export interface ViewFacts {
  status: ThreadStatus;
  complaint: boolean;
  assignee: { id: StaffId } | null;
  /** When the patient's oldest unanswered message was written; null once staff replied. */
  awaitingSince: number | null;
}

/** In the awaiting set: the patient wrote last and nobody moved the thread on since. */
export const isAwaiting = (thread: ViewFacts): boolean => thread.awaitingSince !== null && thread.status === 'open';

export function inSet(set: InboxSet, thread: ViewFacts): boolean {
  return set === 'awaiting' ? isAwaiting(thread) : thread.complaint;
}

export function matchesView(thread: ViewFacts, view: InboxView, me: StaffId): boolean {
  const rule = VIEW_RULES[view];
  if (rule.set && !inSet(rule.set, thread)) return false;
  if (rule.status && thread.status !== rule.status) return false;
  if (rule.assignee === 'unassigned') return thread.assignee === null;
  if (rule.assignee === 'me') return thread.assignee?.id === me;
  return true;
}

/** The complaints view is for those who handle or oversee complaints; a doctor sees only their own threads anyway. */
export const viewsFor = (role: Role): readonly InboxView[] => (role === 'doctor' ? INBOX_VIEWS.filter((view) => view !== 'complaints') : INBOX_VIEWS);

/** Where the console opens: the queue for those who answer the clinic's patients, everything for the head. */
export const defaultView = (role: Role): InboxView => (role === 'head' ? 'all' : role === 'doctor' ? 'open' : 'awaiting');

/** Waiting time past which a row is highlighted, unless the clinic sets its own. */
export const DEFAULT_WAIT_TARGET_MINUTES = 15;
