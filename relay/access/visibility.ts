/**
 * The access rules of protocol/permissions.ts bound to a clinic, and the rooms that
 * carry live events. Which rooms a thread's events go to and which rooms a staff socket
 * joins both come from the audience model (audiences.ts).
 */
import type { ClinicId, VisitorId } from '../../protocol/ids.ts';
import * as permissions from '../../protocol/permissions.ts';
import { audiencesOf, audiencesOfViewer, roomOf, staffRoom } from './audiences.ts';

export interface Viewer extends permissions.StaffViewer {
  clinicId: ClinicId;
}

export type ThreadFacts = permissions.ThreadFacts & { clinicId: ClinicId };

export const rooms = {
  staff: staffRoom,
  visitor: (visitor: VisitorId) => `visitor:${visitor}`,
  session: (sessionId: string) => `session:${sessionId}`,
};

export function roomsOfStaff(viewer: Viewer): string[] {
  return audiencesOfViewer(viewer).map((audience) => roomOf(viewer.clinicId, audience));
}

export function roomsOfThread(thread: ThreadFacts): string[] {
  return audiencesOf(thread).map((audience) => roomOf(thread.clinicId, audience));
}

export function canRead(viewer: Viewer, thread: ThreadFacts): boolean {
  return viewer.clinicId === thread.clinicId && permissions.canRead(viewer, thread);
}

export function canWrite(viewer: Viewer, thread: ThreadFacts): boolean {
  return viewer.clinicId === thread.clinicId && permissions.canWrite(viewer, thread);
}

export { mayEditAnswers, mayManageClinic, mayMarkComplaints } from '../../protocol/permissions.ts';
