/**
 * The Redis keys of notifications (relay/store/keys.ts holds the rest). A thread's
 * cooldown shares the thread's hash tag; BullMQ keeps its own keys under `{notify}`.
 */
import type { StaffId, ThreadId, VisitorId } from '../../protocol/stream-ids.ts';

export const notifyKeys = {
  /** BullMQ's prefix: one hash tag, so the queue's Lua scripts also run on Redis Cluster. */
  queuePrefix: '{notify}',
  /** String with TTL: set once a patient notice went out for the thread (SET NX PX). */
  cooldown: (kind: string, threadId: ThreadId) => `{t:${threadId}}:notify-cooldown:${kind}`,
  /** String with TTL: a resume code's hash → JSON payload; deleted when used (GETDEL). */
  resumeCode: (codeHash: string) => `resume-code:${codeHash}`,
  /** Counter with TTL: resume link lookups from one client address (hashed) in the window. */
  resumeLookups: (addressHash: string) => `resume-lookups:${addressHash}`,
  /** Hash: the patient's notification contact and consent. */
  visitorContact: (visitorId: VisitorId) => `visitor:${visitorId}:contact`,
  /** Hash: where a clinic invited a patient (a review conversation); not a consent to notices. */
  visitorInvitation: (visitorId: VisitorId) => `visitor:${visitorId}:invitation`,
  /** Hash: a staff member's alert settings. */
  staffAlerts: (staffId: StaffId) => `staff:${staffId}:alerts`,
  /** List, newest first, capped: what the local mail catcher caught. */
  caught: () => 'notify:caught',
} as const;
