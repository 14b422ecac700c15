import type { PatientThread, StaffThread } from '../../protocol/model.ts';
import type { ThreadMeta } from '../store/thread-store.ts';

const readCursors = (meta: ThreadMeta) => ({ patient: meta.readPatient, staff: meta.readStaff });

export function patientView(meta: ThreadMeta): PatientThread {
  return {
    id: meta.id,
    kind: meta.kind,
    status: meta.status,
    doctor: meta.doctor,
    assignee: meta.assignee,
    createdAt: meta.createdAt,
    lastActivityAt: meta.lastActivityAt,
    lastId: meta.lastId,
    unread: meta.unreadPatient,
    read: readCursors(meta),
    previousThreadId: meta.previousThreadId,
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
  };
}
