/**
 * What each staff role may see and do with a thread (R16), and the Socket.IO rooms
 * that carry a thread's live events to exactly the staff who may see it. The two are
 * defined from the same rules: a staff socket joins `roomsOfStaff`, a thread's events
 * go to `roomsOfThread`, and they meet exactly when `canRead` holds.
 */
import type { ClinicId, StaffId, VisitorId } from '../../protocol/ids.ts';
import type { Role } from '../../protocol/model.ts';
import type { ThreadMeta } from '../store/thread-store.ts';

export interface Viewer {
  id: StaffId;
  clinicId: ClinicId;
  role: Role;
}

type ThreadFacts = Pick<ThreadMeta, 'clinicId' | 'kind' | 'complaint' | 'assignee' | 'doctor'>;

const rooms = {
  everything: (clinic: ClinicId) => `clinic:${clinic}:all`,
  general: (clinic: ClinicId) => `clinic:${clinic}:general`,
  complaints: (clinic: ClinicId) => `clinic:${clinic}:complaints`,
  staff: (staff: StaffId) => `staff:${staff}`,
  visitor: (visitor: VisitorId) => `visitor:${visitor}`,
  session: (sessionId: string) => `session:${sessionId}`,
};
export { rooms };

/** The clinic-wide room each role listens to, beyond threads assigned or addressed to it. */
const ROLE_SCOPE: Record<Role, ((clinic: ClinicId) => string) | null> = {
  owner: rooms.everything,
  head: rooms.everything,
  admin: rooms.general,
  complaints: rooms.complaints,
  doctor: null,
};

/** Roles that may write, assign and change status; head only reads. */
const WRITERS: ReadonlySet<Role> = new Set(['owner', 'admin', 'doctor', 'complaints']);

export function roomsOfStaff(viewer: Viewer): string[] {
  const scope = ROLE_SCOPE[viewer.role];
  return scope ? [scope(viewer.clinicId), rooms.staff(viewer.id)] : [rooms.staff(viewer.id)];
}

export function roomsOfThread(thread: ThreadFacts): string[] {
  const list = [rooms.everything(thread.clinicId)];
  if (thread.kind === 'general') list.push(rooms.general(thread.clinicId));
  if (thread.complaint) list.push(rooms.complaints(thread.clinicId));
  if (thread.assignee) list.push(rooms.staff(thread.assignee.id));
  if (thread.doctor) list.push(rooms.staff(thread.doctor.id));
  return list;
}

export function canRead(viewer: Viewer, thread: ThreadFacts): boolean {
  if (viewer.clinicId !== thread.clinicId) return false;
  const own = new Set(roomsOfStaff(viewer));
  return roomsOfThread(thread).some((room) => own.has(room));
}

export function canWrite(viewer: Viewer, thread: ThreadFacts): boolean {
  return WRITERS.has(viewer.role) && canRead(viewer, thread);
}

/** Marking a conversation as a complaint hands it to the complaints manager. */
export const mayMarkComplaints = (role: Role) => role === 'owner' || role === 'admin' || role === 'complaints';

/** Ready answers are the clinic's voice: the owner and administrators manage them. */
export const mayEditAnswers = (role: Role) => role === 'owner' || role === 'admin';
