/**
 * Which Socket.IO rooms carry a thread's live events to exactly the staff who may see
 * it. The rules themselves are protocol/permissions.ts; here they are bound to a clinic
 * and turned into rooms: a staff socket joins `roomsOfStaff`, a thread's events go to
 * `roomsOfThread`, and the two meet exactly when `canRead` holds (visibility.test.ts).
 */
import type { ClinicId, StaffId, VisitorId } from '../../protocol/ids.ts';
import type { Role } from '../../protocol/model.ts';
import * as permissions from '../../protocol/permissions.ts';
import type { ThreadMeta } from '../store/thread-store.ts';

export interface Viewer extends permissions.StaffViewer {
  clinicId: ClinicId;
}

type ThreadFacts = permissions.ThreadFacts & Pick<ThreadMeta, 'clinicId'>;

export const rooms = {
  everything: (clinic: ClinicId) => `clinic:${clinic}:all`,
  general: (clinic: ClinicId) => `clinic:${clinic}:general`,
  complaints: (clinic: ClinicId) => `clinic:${clinic}:complaints`,
  staff: (staff: StaffId) => `staff:${staff}`,
  visitor: (visitor: VisitorId) => `visitor:${visitor}`,
  session: (sessionId: string) => `session:${sessionId}`,
};

/** The clinic-wide room each role listens to, beyond threads assigned or addressed to it. */
const ROLE_SCOPE: Record<Role, ((clinic: ClinicId) => string) | null> = {
  owner: rooms.everything,
  head: rooms.everything,
  admin: rooms.general,
  complaints: rooms.complaints,
  doctor: null,
};

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
  return viewer.clinicId === thread.clinicId && permissions.canRead(viewer, thread);
}

export function canWrite(viewer: Viewer, thread: ThreadFacts): boolean {
  return viewer.clinicId === thread.clinicId && permissions.canWrite(viewer, thread);
}

export { mayEditAnswers, mayManageClinic, mayMarkComplaints } from '../../protocol/permissions.ts';
