/**
 * Every Redis key the relay uses, in one place. A thread's keys share the hash tag
 * `{t:ID}` so the atomic append touches one slot and also works on Redis Cluster;
 * a clinic's inbox indexes share `{c:ID}` for the same reason. The naming rule a new key
 * follows is in store/README.md.
 */
import type { ClinicId, StaffId, ThreadId, VisitorId } from '../../protocol/ids.ts';
import type { InboxSet } from '../../protocol/inbox-views.ts';
import type { ThreadStatus } from '../../protocol/model.ts';

export const keys = {
  clinic: (id: ClinicId) => `clinic:${id}`,
  clinicIds: () => 'clinics',
  siteKey: (siteKey: string) => `site-key:${siteKey}`,

  staff: (id: StaffId) => `staff:${id}`,
  staffByEmail: (email: string) => `staff-email:${email}`,
  clinicStaff: (id: ClinicId) => `clinic:${id}:staff`,

  session: (tokenHash: string) => `session:${tokenHash}`,
  /** Hash: push endpoint → JSON subscription of one of the member's browsers (store/push-store.ts). */
  pushSubscriptions: (id: StaffId) => `staff:${id}:push`,
  /** Set: the clinic's staff ids with at least one push subscription, so a patient message to a clinic without any costs one call (store/push-store.ts). */
  pushStaff: (clinic: ClinicId) => `{c:${clinic}}:push-staff`,
  /** JSON { publicKey, privateKey }: the relays' one VAPID key pair for Web Push. */
  vapidKeys: () => 'push:vapid',

  /** Set of a staff member's session ids, so a reset or deactivation ends them all at once. */
  staffSessions: (id: StaffId) => `staff:${id}:sessions`,

  visitorByToken: (tokenHash: string) => `visitor-token:${tokenHash}`,
  visitor: (id: VisitorId) => `visitor:${id}`,
  /** Hash: "general" or "doctor:<staffId>" → the visitor's current thread of that kind. */
  visitorThreads: (id: VisitorId) => `visitor:${id}:threads`,
  /** Set of every thread the visitor ever had, closed ones too. */
  visitorAllThreads: (id: VisitorId) => `visitor:${id}:all-threads`,
  /** List of the threads of one slot, oldest first: the patient's one timeline of that kind. */
  visitorTimeline: (id: VisitorId, slot: string) => `visitor:${id}:timeline:${slot}`,

  threadMeta: (id: ThreadId) => `{t:${id}}:meta`,
  threadStream: (id: ThreadId) => `{t:${id}}:stream`,
  /** Hash: sender + client message id → stream id, for de-duplicating retried sends. */
  threadDedup: (id: ThreadId) => `{t:${id}}:dedup`,
  /** Hash: attachment id → JSON of its reference, owner, creation time and idempotency field (relay/attachments/). */
  threadAttachments: (id: ThreadId) => `{t:${id}}:attachments`,
  /** Hash: attachment id → `pending <owner>` until a message takes it, then `sent` or `note`. */
  threadAttachmentState: (id: ThreadId) => `{t:${id}}:attachment-state`,
  /** Hash: `<owner> <Idempotency-Key>` → attachment id, so a retried upload stores nothing new. */
  threadAttachmentKeys: (id: ThreadId) => `{t:${id}}:attachment-keys`,
  /** Sorted set of `<thread id>/<attachment id>` by upload time: what the sweep checks a day later. */
  attachmentsPending: () => 'attachments:pending',
  /** The download URLs' HMAC key when ATTACHMENTS_SIGNING_SECRET is unset: made once, shared by every relay. */
  attachmentsSigningSecret: () => 'attachments:signing-secret',
  /**
   * The patient message whose staff alerts were last scheduled; it expires with the
   * alert's delay. While it lives (and staff have not read or replied past it), a further
   * patient message needs no queue calls (store/scripts/append-message.lua).
   */
  threadAlerts: (id: ThreadId) => `{t:${id}}:alerts`,

  /**
   * Sorted set of thread ids scored by last activity (ms): the threads an audience
   * (relay/access/audiences.ts) may see, of one status or any, of one assignee
   * (`-` for none) or any when `assignee` is undefined; or of one of the sets that are not a
   * status (`awaiting`, scored by waiting-since instead; `complaints`).
   */
  inbox: (clinic: ClinicId, audience: string, status: ThreadStatus | InboxSet | 'any', assignee?: StaffId | null) =>
    `{c:${clinic}}:inbox:${audience}:${status}${assignee === undefined ? '' : `:assignee:${assignee ?? '-'}`}`,
  /** Hash: thread id → JSON { version, keys } of the inbox sets it is in, so a re-index removes it from sets it left. */
  inboxMembership: (clinic: ClinicId) => `{c:${clinic}}:inbox-membership`,

  /** Hash: the clinic's queue settings (protocol/queue.ts), absent fields at their defaults. */
  queueSettings: (clinic: ClinicId) => `{c:${clinic}}:queue-settings`,

  /**
   * Conversation search (store/search-index.ts): every indexed word, all at score 0 so a
   * prefix is one lexicographic range; per word, the entries that have it, scored by time;
   * per patient, the words of their name, e-mail and phone (to replace them).
   */
  searchWords: (clinic: ClinicId) => `{c:${clinic}}:search:words`,
  searchPostings: (clinic: ClinicId, word: string) => `{c:${clinic}}:search:w:${word}`,
  searchPatient: (clinic: ClinicId, visitor: VisitorId) => `{c:${clinic}}:search:patient:${visitor}`,

  /** Hash: ready answer id → JSON. */
  answers: (clinic: ClinicId) => `{c:${clinic}}:answers`,
  /** Files of ready answers, as a thread's attachments: hash id → JSON, its state, and the upload idempotency keys. */
  answerFiles: (clinic: ClinicId) => `{c:${clinic}}:answer-files`,
  answerFileState: (clinic: ClinicId) => `{c:${clinic}}:answer-file-state`,
  answerFileKeys: (clinic: ClinicId) => `{c:${clinic}}:answer-file-keys`,

  /** Stream of who opened which thread when (R17). */
  accessLog: (clinic: ClinicId) => `{c:${clinic}}:access-log`,
  /** Hashes: access-log pseudonym → patient or thread id, and back; an erasure deletes the patient's. */
  accessRefs: (clinic: ClinicId) => `{c:${clinic}}:access-refs`,
  accessRefOf: (clinic: ClinicId) => `{c:${clinic}}:access-ref-of`,

  /** Hash: a verified patient id (the clinic site's own) → the visitor holding that patient's history (store/verified-patients.ts). */
  verifiedPatients: (clinic: ClinicId) => `{c:${clinic}}:verified-patients`,
} as const;
