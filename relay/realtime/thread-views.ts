import type { PatientThread, StaffThread } from '../../protocol/model.ts';
import type { StreamId } from '../../protocol/ids.ts';
import { compareStreamIds } from '../../protocol/stream-ids.ts';
import type { ThreadMeta } from '../store/thread-store.ts';

/** Only what the thread has: an ordinary thread's view stays as it was. */
const resolution = ({ review, steps, solution }: ThreadMeta) => ({
  ...(review ? { review } : {}),
  ...(steps.length > 0 ? { steps } : {}),
  ...(solution ? { solution } : {}),
});

const readCursors = (meta: ThreadMeta) => ({ patient: meta.readPatient, staff: meta.readStaff });

/** Staff who read up to a note have read all the patient can see: the cursor stops at the patient's last id. */
export const upToPatientLast = <C extends StreamId | null>(cursor: C, meta: ThreadMeta): C =>
  cursor && meta.patientLastId && compareStreamIds(meta.patientLastId, cursor) < 0 ? (meta.patientLastId as C) : cursor;

/** The thread as its patient sees it: private notes move none of it (issue 10 §4). */
export function patientView(meta: ThreadMeta): PatientThread {
  return {
    id: meta.id,
    kind: meta.kind,
    status: meta.status,
    doctor: meta.doctor,
    assignee: meta.assignee,
    createdAt: meta.createdAt,
    lastActivityAt: meta.patientLastActivityAt,
    lastId: meta.patientLastId,
    unread: meta.unreadPatient,
    read: { patient: meta.readPatient, staff: upToPatientLast(meta.readStaff, meta) },
    previousThreadId: meta.previousThreadId,
    ...resolution(meta),
  };
}

export function staffView(meta: ThreadMeta): StaffThread {
  return {
    id: meta.id,
    kind: meta.kind,
    status: meta.status,
    complaint: meta.complaint,
    doctor: meta.doctor,
    assignee: meta.assignee,
    patient: { id: meta.visitorId, displayName: meta.displayName },
    createdAt: meta.createdAt,
    lastActivityAt: meta.lastActivityAt,
    lastId: meta.lastId,
    preview: meta.preview,
    unread: meta.unreadStaff,
    read: readCursors(meta),
    previousThreadId: meta.previousThreadId,
    notificationFailed: meta.notificationFailed,
    ...resolution(meta),
    awaitingSince: meta.awaitingSince,
    previewBy: meta.previewBy,
  };
}
