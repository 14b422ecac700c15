/** A thread's metadata hash (`{t:ID}:meta`) and how it is read back from Redis. */
import type { ClinicId, StaffId, StreamId, ThreadId, VisitorId } from '../../protocol/ids.ts';
import type { StaffRef, ThreadKind, ThreadStatus } from '../../protocol/model.ts';
import type { PatientSolution, ReachedStep, ThreadReview } from '../../protocol/review-flow.ts';

export interface ThreadMeta {
  id: ThreadId;
  clinicId: ClinicId;
  visitorId: VisitorId;
  displayName: string;
  kind: ThreadKind;
  status: ThreadStatus;
  complaint: boolean;
  doctor: StaffRef | null;
  assignee: StaffRef | null;
  createdAt: number;
  lastActivityAt: number;
  lastId: StreamId | null;
  /** The last activity and id the patient may know of: private notes leave them alone. */
  patientLastActivityAt: number;
  patientLastId: StreamId | null;
  preview: string;
  /** Who wrote the preview: a staff member, or null for the patient. */
  previewBy: StaffId | null;
  /** When the patient's oldest unanswered message was written; null once staff replied. */
  awaitingSince: number | null;
  unreadStaff: number;
  unreadPatient: number;
  readPatient: StreamId | null;
  readStaff: StreamId | null;
  /** The thread of the same patient and slot this one continues after it was closed. */
  previousThreadId: ThreadId | null;
  /** A notice about the thread failed after its last attempt; cleared by the next one sent. */
  notificationFailed: boolean;
  /** The newest message removed by retention, if any. */
  trimmedUpTo: StreamId | null;
  /** Counts every change the inbox depends on, so a late re-index of an older state loses. */
  version: number;
  /** The review the thread is about (issue 13; the fields reviews/review-store.ts links). */
  review: ThreadReview | null;
  /** The status steps reached, oldest first (review-flow.ts). */
  steps: ReachedStep[];
  /** The patient's "solved" / "not yet" and rating. */
  solution: PatientSolution | null;
  /** When staff first answered a patient message (set once by relay/reports/report-recorder.ts). */
  firstReplyAt: number | null;
}

/** What decides a thread's audiences and inbox sets, before a change. */
export type AudienceFacts = Pick<ThreadMeta, 'status' | 'assignee' | 'complaint'>;

export const storedRef = (value: StaffRef | null) => (value === null ? '' : JSON.stringify(value));
export const parseRef = (raw: string | undefined): StaffRef | null => (raw ? (JSON.parse(raw) as StaffRef) : null);

export function fromHash(hash: Record<string, string>): ThreadMeta | null {
  if (!hash.id) return null;
  return {
    id: hash.id as ThreadId,
    clinicId: hash.clinicId as ClinicId,
    visitorId: hash.visitorId as VisitorId,
    displayName: hash.displayName ?? '',
    kind: hash.kind as ThreadKind,
    status: hash.status as ThreadStatus,
    complaint: hash.complaint === '1',
    doctor: parseRef(hash.doctor),
    assignee: parseRef(hash.assignee),
    createdAt: Number(hash.createdAt),
    lastActivityAt: Number(hash.lastActivityAt),
    lastId: (hash.lastId || null) as StreamId | null,
    // Threads from before these fields existed: the last entry is the best known.
    patientLastActivityAt: Number(hash.patientLastActivityAt ?? hash.lastActivityAt),
    patientLastId: ((hash.patientLastId ?? hash.lastId) || null) as StreamId | null,
    preview: hash.preview ?? '',
    previewBy: (hash.previewBy || null) as StaffId | null,
    awaitingSince: hash.awaitingSince ? Number(hash.awaitingSince) : null,
    unreadStaff: Number(hash.unreadStaff ?? 0),
    unreadPatient: Number(hash.unreadPatient ?? 0),
    readPatient: (hash.readPatient || null) as StreamId | null,
    readStaff: (hash.readStaff || null) as StreamId | null,
    previousThreadId: (hash.previousThreadId || null) as ThreadId | null,
    notificationFailed: hash.notificationFailed === '1',
    trimmedUpTo: (hash.trimmedUpTo || null) as StreamId | null,
    version: Number(hash.version ?? 0),
    review: hash.reviewId ? { id: hash.reviewId, url: hash.reviewUrl ?? '', rating: Number(hash.reviewRating) } : null,
    steps: hash.steps ? (JSON.parse(hash.steps) as ReachedStep[]) : [],
    solution: hash.solution ? (JSON.parse(hash.solution) as PatientSolution) : null,
    firstReplyAt: hash.firstReplyAt ? Number(hash.firstReplyAt) : null,
  };
}

/** A hash as a script returns it (HGETALL's flat list). */
export function fromFlat(flat: string[]): ThreadMeta {
  const hash: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) hash[flat[i]!] = flat[i + 1]!;
  return fromHash(hash)!;
}
