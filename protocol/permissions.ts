/**
 * What each staff role may see and do with a thread (R16), as pure rules: the relay
 * enforces them, the console uses the same rules only to offer what would be allowed.
 * No runtime dependencies.
 */
import type { Role, ThreadKind } from './constants.ts';
import type { StaffId } from './stream-ids.ts';

export interface StaffViewer {
  id: StaffId;
  role: Role;
}

/** The facts about a thread the rules look at (both StaffThread and the relay's metadata have them). */
export interface ThreadFacts {
  kind: ThreadKind;
  complaint: boolean;
  assignee: { id: StaffId } | null;
  doctor: { id: StaffId } | null;
}

/** Within the staff member's own clinic: owner and head see all; others what is theirs by kind or assignment. */
export function canRead(viewer: StaffViewer, thread: ThreadFacts): boolean {
  if (viewer.role === 'owner' || viewer.role === 'head') return true;
  if (thread.assignee?.id === viewer.id || thread.doctor?.id === viewer.id) return true;
  if (viewer.role === 'admin') return thread.kind === 'general';
  if (viewer.role === 'complaints') return thread.complaint;
  return false;
}

/** Writing, assigning, changing status and marking read: every role but the head. */
export const isWriter = (role: Role): boolean => role !== 'head';

export const canWrite = (viewer: StaffViewer, thread: ThreadFacts): boolean => isWriter(viewer.role) && canRead(viewer, thread);

/** Marking a conversation as a complaint hands it to the complaints manager. */
export const mayMarkComplaints = (role: Role): boolean => role === 'owner' || role === 'admin' || role === 'complaints';

/** Staff accounts and the clinic's settings: the owner only. */
export const mayManageClinic = (role: Role): boolean => role === 'owner';
/** Who may read the clinic's access log: the owner and the head (issue 10 §5). */
export const mayReadAccessLog = (role: Role): boolean => role === 'owner' || role === 'head';

/** Ready answers are the clinic's voice: the owner and administrators manage them. */
export const mayEditAnswers = (role: Role): boolean => role === 'owner' || role === 'admin';

/** Starting a conversation about a review from the console (issue 13): the complaints manager and the owner. */
export const mayStartReviews = (role: Role): boolean => role === 'owner' || role === 'complaints';

/** The head's quality report (issue 13 §4): the head and the owner. */
export const mayReadReports = (role: Role): boolean => role === 'owner' || role === 'head';
