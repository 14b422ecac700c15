/**
 * Who may see a thread, decided once. A thread's audiences are the groups of staff
 * that may read it; each audience is one Socket.IO room (live events) and one family of
 * inbox sets (listing). A staff member belongs to the audiences of their role and to
 * their own, so the rooms they join and the inbox sets they read are the same answer to
 * the same question, and both agree with `canRead` (audiences.test.ts, for every role
 * and thread shape).
 */
import type { ClinicId, StaffId } from '../../protocol/ids.ts';
import type { Role, ThreadStatus } from '../../protocol/model.ts';
import { inSet, INBOX_SETS, type InboxSet, type ViewFacts } from '../../protocol/inbox-views.ts';
import type { StaffViewer, ThreadFacts } from '../../protocol/permissions.ts';
import { keys } from '../store/keys.ts';

/** `all`: owner and head; `general`: administrators; `complaints`: the complaints manager; `staff:<id>`: one person. */
export type Audience = 'all' | 'general' | 'complaints' | `staff:${StaffId}`;

/** The clinic-wide audience of each role, beyond threads assigned or addressed to the person. */
const ROLE_AUDIENCE: Record<Role, Audience | null> = {
  owner: 'all',
  head: 'all',
  admin: 'general',
  complaints: 'complaints',
  doctor: null,
};

const personal = (id: StaffId): Audience => `staff:${id}`;

export function audiencesOf(thread: ThreadFacts): Audience[] {
  const list: Audience[] = ['all'];
  if (thread.kind === 'general') list.push('general');
  if (thread.complaint) list.push('complaints');
  if (thread.assignee) list.push(personal(thread.assignee.id));
  if (thread.doctor && thread.doctor.id !== thread.assignee?.id) list.push(personal(thread.doctor.id));
  return list;
}

export function audiencesOfViewer(viewer: StaffViewer): Audience[] {
  const scope = ROLE_AUDIENCE[viewer.role];
  return scope ? [scope, personal(viewer.id)] : [personal(viewer.id)];
}

/** The room carrying an audience's live events. Staff ids are unique across clinics, so a person's room is their audience. */
export function roomOf(clinic: ClinicId, audience: Audience): string {
  return audience.startsWith('staff:') ? audience : `clinic:${clinic}:${audience}`;
}

/** A person's room: also where their sessions are ended. */
export const staffRoom = (id: StaffId): string => personal(id);

/** What an inbox request narrows to; `assignee: null` means unassigned. */
export interface InboxFilter {
  status?: ThreadStatus;
  assignee?: StaffId | null;
  /** A set that is not a status; `status` and `assignee` are then not asked. */
  set?: InboxSet;
}

type IndexedThread = ThreadFacts & { clinicId: ClinicId; status: ThreadStatus } & Partial<Pick<ViewFacts, 'awaitingSince'>>;

/** The sets beyond status (protocol/inbox-views.ts) a thread is in. */
const setsOf = (thread: IndexedThread): InboxSet[] => INBOX_SETS.filter((set) => inSet(set, { ...thread, awaitingSince: thread.awaitingSince ?? null }));

/**
 * Every inbox set a thread belongs to: per audience, one set for each way the inbox can
 * be asked (any status or its status, any assignee or its assignee), so every request
 * reads whole sets and never filters what it read.
 */
export function inboxKeysOf(thread: IndexedThread): string[] {
  const assignee = thread.assignee?.id ?? null;
  const sets = setsOf(thread);
  return audiencesOf(thread).flatMap((audience) => [
    keys.inbox(thread.clinicId, audience, 'any'),
    keys.inbox(thread.clinicId, audience, 'any', assignee),
    keys.inbox(thread.clinicId, audience, thread.status),
    keys.inbox(thread.clinicId, audience, thread.status, assignee),
    ...sets.map((set) => keys.inbox(thread.clinicId, audience, set)),
  ]);
}

/** Whether an inbox set is scored by waiting-since rather than by last activity. */
export const isAwaitingKey = (key: string): boolean => key.endsWith(':awaiting');

/** The inbox sets one staff member reads for a request: one per audience they belong to. */
export function inboxKeysFor(viewer: StaffViewer & { clinicId: ClinicId }, filter: InboxFilter): string[] {
  return audiencesOfViewer(viewer).map((audience) =>
    filter.set ? keys.inbox(viewer.clinicId, audience, filter.set) : keys.inbox(viewer.clinicId, audience, filter.status ?? 'any', filter.assignee),
  );
}
