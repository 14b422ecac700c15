/**
 * Reads the head's report (issue 13 §4) from the recorded per-day figures
 * (report-recorder.ts): one pipeline of a hash per day and two sorted sets per day per
 * staff member (the clinic's durations are their union) — never a thread stream. Medians
 * and the 90th percentile are nearest-rank over the durations of the period.
 */
import type { ClinicId, ThreadId } from '../../protocol/ids.ts';
import type { StaffRef } from '../../protocol/model.ts';
import { REPORT_DRILL_DOWN, REPORT_MAX_DAYS, type Report, type ReportFigures, type ReportQuery } from '../../protocol/reports.ts';
import { ClientError } from '../errors.ts';
import type { RelayRedis } from '../store/redis-client.ts';
import { staffRef } from '../store/staff-store.ts';
import type { Stores } from '../store/stores.ts';
import { dayOf, reportKeys } from './report-keys.ts';

const DAY_MS = 24 * 3600 * 1000;

/** Nearest-rank percentile of sorted values, or null for none. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/** The days from `from` to `to`, inclusive; a coded refusal for a reversed or too long period. */
export function reportDays({ from, to }: ReportQuery): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || dayOf(start) !== from) throw new ClientError('BAD_REQUEST', { path: '/from', reason: 'not a date' });
  if (Number.isNaN(end) || dayOf(end) !== to) throw new ClientError('BAD_REQUEST', { path: '/to', reason: 'not a date' });
  const count = (end - start) / DAY_MS + 1;
  if (count < 1 || count > REPORT_MAX_DAYS) throw new ClientError('BAD_REQUEST', { path: '/to', reason: `from 1 to ${REPORT_MAX_DAYS} days` });
  return Array.from({ length: count }, (_, i) => dayOf(start + i * DAY_MS));
}

/** `[member, score, member, score…]` → [thread, ms] pairs. */
const pairs = (flat: string[]): [string, number][] => {
  const out: [string, number][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, Number(flat[i + 1])]);
  return out;
};

interface Tally {
  counters: Map<string, number>;
  frt: [string, number][];
  res: [string, number][];
}

function figures({ counters, frt, res }: Tally, prefix: string): ReportFigures {
  const n = (field: string) => counters.get(prefix + field) ?? 0;
  const frtSorted = frt.map(([, ms]) => ms).sort((a, b) => a - b);
  const resSorted = res.map(([, ms]) => ms).sort((a, b) => a - b);
  const complaints = n('complaints');
  const ratings = n('ratings');
  const threads = [...new Set([...frt, ...res].map(([id]) => id))].slice(0, REPORT_DRILL_DOWN) as ThreadId[];
  return {
    // The clinic counts conversations begun; a staff member, those they gave the first reply in.
    conversations: prefix ? n('answered') : n('conversations'),
    firstResponseMedianMs: percentile(frtSorted, 0.5),
    firstResponseP90Ms: percentile(frtSorted, 0.9),
    resolutionMedianMs: percentile(resSorted, 0.5),
    answeredInHoursShare: n('hoursKnown') > 0 ? n('inHours') / n('hoursKnown') : null,
    complaintsOpened: complaints,
    complaintsSolvedByPatient: n('solved'),
    solvedShare: complaints > 0 ? Math.min(1, n('solved') / complaints) : null,
    ratings,
    ratingAverage: ratings > 0 ? n('ratingSum') / ratings : null,
    threads,
  };
}

export function createReportReader(redis: RelayRedis, stores: Pick<Stores, 'staff'>) {
  return {
    async read(clinicId: ClinicId, query: ReportQuery): Promise<Report> {
      const days = reportDays(query);
      // Former colleagues too: their replies still count for the clinic.
      const staff: StaffRef[] = (await stores.staff.listClinic(clinicId, true)).map(staffRef);
      const pipeline = redis.pipeline();
      for (const day of days) {
        pipeline.hgetall(reportKeys.day(clinicId, day));
        for (const member of staff) {
          pipeline.zrange(reportKeys.firstResponse(clinicId, day, member.id), 0, -1, 'WITHSCORES');
          pipeline.zrange(reportKeys.resolution(clinicId, day, member.id), 0, -1, 'WITHSCORES');
        }
      }
      const replies = ((await pipeline.exec()) ?? []).map(([error, value]) => {
        if (error) throw error;
        return value;
      });

      const clinic: Tally = { counters: new Map(), frt: [], res: [] };
      const perStaff = new Map(staff.map((member) => [member.id as string, { counters: clinic.counters, frt: [], res: [] } as Tally]));
      const perDay: Report['days'] = [];
      let at = 0;
      for (const day of days) {
        const hash = replies[at++] as Record<string, string>;
        for (const [field, value] of Object.entries(hash)) clinic.counters.set(field, (clinic.counters.get(field) ?? 0) + Number(value));
        const frt: [string, number][] = [];
        const res: [string, number][] = [];
        for (const member of staff) {
          const tally = perStaff.get(member.id)!;
          const memberFrt = pairs(replies[at++] as string[]);
          const memberRes = pairs(replies[at++] as string[]);
          tally.frt.push(...memberFrt);
          tally.res.push(...memberRes);
          frt.push(...memberFrt);
          res.push(...memberRes);
        }
        clinic.frt.push(...frt);
        clinic.res.push(...res);
        const dayFigures = figures({ counters: new Map(Object.entries(hash).map(([k, v]) => [k, Number(v)])), frt, res }, '');
        perDay.push({
          day,
          conversations: dayFigures.conversations,
          firstResponseMedianMs: dayFigures.firstResponseMedianMs,
          complaintsOpened: dayFigures.complaintsOpened,
          complaintsSolvedByPatient: dayFigures.complaintsSolvedByPatient,
        });
      }
      return {
        from: query.from,
        to: query.to,
        clinic: figures(clinic, ''),
        staff: staff.map((member) => ({ staff: member, figures: figures(perStaff.get(member.id)!, `s:${member.id}:`) })),
        days: perDay,
      };
    },
  };
}

export type ReportReader = ReturnType<typeof createReportReader>;
