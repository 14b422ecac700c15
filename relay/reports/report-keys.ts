/**
 * Redis keys of the head's report (issue 13 §4): per clinic and UTC day, counters in one
 * hash (for the clinic and per staff member) and durations in sorted sets per staff
 * member (member: thread id, score: milliseconds); the clinic's durations are their union. A report reads a few keys per day, never a thread stream.
 */
import type { ClinicId } from '../../protocol/ids.ts';

/** Days of figures kept: a year and a bit, for year-on-year periods. */
export const REPORT_KEEP_SECONDS = 400 * 24 * 3600;

export const reportKeys = {
  /** Hash: `conversations` (begun), `answered` (first replies given), `firstReplies`, `inHours`, `hoursKnown`, `resolved`, `complaints`, `solved`, `ratings`, `ratingSum`; the same prefixed `s:<staffId>:` per member. */
  day: (clinicId: ClinicId, day: string) => `{c:${clinicId}}:report:${day}`,
  /** Sorted set: thread id → first-response time (ms) of the staff member `who` who gave it. */
  firstResponse: (clinicId: ClinicId, day: string, who: string) => `{c:${clinicId}}:report:${day}:frt:${who}`,
  /** Sorted set: thread id → resolution time (ms), from the thread's start to its first solved/closed by `who`. */
  resolution: (clinicId: ClinicId, day: string, who: string) => `{c:${clinicId}}:report:${day}:res:${who}`,
} as const;

/** `2026-11-30` for a time in ms (UTC). */
export const dayOf = (at: number): string => new Date(at).toISOString().slice(0, 10);
