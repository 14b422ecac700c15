/**
 * "We reply within ~N min": the clinic's own figure, or the median first response of its
 * last two weeks from the head's report (reports/report-reader.ts, recorded first staff
 * replies, never a stream scan). The report is read at most once per clinic per ten
 * minutes on each relay: a visitor connection usually costs nothing here.
 */
import type { ClinicId } from '../../protocol/ids.ts';
import type { ReportReader } from '../reports/report-reader.ts';
import { dayOf } from '../reports/report-keys.ts';
import type { Clinic } from '../store/clinic-store.ts';
import { createTtlCache } from '../store/ttl-cache.ts';

const DAY_MS = 24 * 3600 * 1000;
/** The period the median is taken over, in days up to today. */
const RECENT_DAYS = 14;
/** How long a clinic's median is reused, and for how many clinics. */
const MEDIAN_CACHE = { ttlMs: 10 * 60_000, maxEntries: 10_000 };
const MINUTE_MS = 60_000;

export function createReplyTime(reports: Pick<ReportReader, 'read'>, now: () => number = Date.now) {
  const median = createTtlCache(MEDIAN_CACHE, async (clinicId: ClinicId) => {
    const to = now();
    const report = await reports.read(clinicId, { from: dayOf(to - (RECENT_DAYS - 1) * DAY_MS), to: dayOf(to) });
    const ms = report.clinic.firstResponseMedianMs;
    return ms === null ? null : Math.max(1, Math.round(ms / MINUTE_MS));
  });
  return {
    /** Minutes to promise, or null when the clinic set none and has no recent replies. */
    minutes(clinic: Pick<Clinic, 'id' | 'replyMinutes'>): Promise<number | null> {
      return clinic.replyMinutes !== null ? Promise.resolve(clinic.replyMinutes) : median.get(clinic.id);
    },
  };
}

export type ReplyTime = ReturnType<typeof createReplyTime>;
