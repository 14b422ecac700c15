/**
 * Records the events the head's report is made of (issue 13 §4), when they happen: a
 * conversation begun, the first staff reply (its response time, and whether it came
 * within office hours), the first solved/closed (resolution time), a complaint opened,
 * the patient's "solved" and rating. Each is a few commands in one MULTI on the clinic's
 * keys (report-keys.ts); "first" is decided once on the thread's meta with HSETNX, so a
 * retried send or change records nothing twice. The hooks on the append path are one
 * call each and never fail the action: a failed recording is logged with a code.
 */
import type { Logger } from 'pino';
import type { StaffRef } from '../../protocol/model.ts';
import type { PatientSolution } from '../../protocol/review-flow.ts';
import { clinicOpenState } from '../hours/clinic-hours.ts';
import { keys } from '../store/keys.ts';
import type { RelayRedis } from '../store/redis-client.ts';
import type { Stores } from '../store/stores.ts';
import type { StaffChange, ThreadMeta } from '../store/thread-store.ts';
import { REPORT_KEEP_SECONDS, dayOf, reportKeys } from './report-keys.ts';

/** Stream entries read to find the patient's first message when the first reply comes: almost always in the first few. */
const FIRST_PATIENT_SCAN = 200;
const PATIENT_TEXT = 'p';

type Counter = 'conversations' | 'answered' | 'firstReplies' | 'inHours' | 'hoursKnown' | 'resolved' | 'complaints' | 'solved' | 'ratings' | 'ratingSum';

export function createReportRecorder(redis: RelayRedis, stores: Pick<Stores, 'clinics'>, log: Logger) {
  /** Adds to the day's counters for the clinic and, when known, the staff member. */
  function count(
    meta: ThreadMeta,
    at: number,
    who: string | null,
    counts: Partial<Record<Counter, number>>,
    durations: [kind: 'frt' | 'res', ms: number][] = [],
  ) {
    const day = dayOf(at);
    const hash = reportKeys.day(meta.clinicId, day);
    const multi = redis.multi();
    for (const [field, by] of Object.entries(counts)) {
      multi.hincrby(hash, field, by);
      if (who) multi.hincrby(hash, `s:${who}:${field}`, by);
    }
    multi.expire(hash, REPORT_KEEP_SECONDS);
    // Durations are kept per staff member only: the clinic's are their union (report-reader.ts), read once.
    for (const [kind, ms] of who ? durations : []) {
      const key = (kind === 'frt' ? reportKeys.firstResponse : reportKeys.resolution)(meta.clinicId, day, who!);
      multi.zadd(key, ms, meta.id).expire(key, REPORT_KEEP_SECONDS);
    }
    return multi.exec();
  }

  /** True the first time `field` is set on the thread's meta. */
  const first = async (meta: ThreadMeta, field: string, at: number) => (await redis.hsetnx(keys.threadMeta(meta.id), field, String(at))) === 1;

  async function firstPatientAt(meta: ThreadMeta): Promise<number | null> {
    const entries = (await redis.xrange(keys.threadStream(meta.id), '-', '+', 'COUNT', FIRST_PATIENT_SCAN)) as [string, string[]][];
    const entry = entries.find(([, fields]) => fields[1] === PATIENT_TEXT);
    return entry ? Number(entry[0].split('-')[0]) : null;
  }

  async function staffReplied(meta: ThreadMeta, staff: StaffRef, at: number): Promise<void> {
    if (meta.firstReplyAt !== null) return;
    // A clinic's opening message (a review conversation) answers nothing: the response is to the patient's first message.
    const asked = await firstPatientAt(meta);
    if (asked === null || !(await first(meta, 'firstReplyAt', at))) return;
    const clinic = await stores.clinics.get(meta.clinicId);
    const state = clinic && clinicOpenState(clinic, at);
    const hoursKnown = Boolean(state);
    const inHours = state?.open === true;
    await count(meta, at, staff.id, { answered: 1, firstReplies: 1, hoursKnown: hoursKnown ? 1 : 0, inHours: inHours ? 1 : 0 }, [['frt', at - asked]]);
  }

  /** Runs a recording without ever failing the action it follows. */
  const safely = (what: string, work: () => Promise<unknown>) =>
    work().catch((error: unknown) =>
      log.error({ code: 'RELAY_ERR_REPORT_RECORD', event: what, type: (error as Error)?.name }, 'a report event could not be recorded'),
    );

  return {
    /** After an append: a conversation begun, or a staff member's first reply. */
    sent(meta: ThreadMeta, first: boolean, staff: StaffRef | null, isText: boolean, at: number): Promise<unknown> {
      return safely('sent', async () => {
        if (first) await count(meta, at, null, { conversations: 1 });
        if (staff && isText) await staffReplied(meta, staff, at);
      });
    },

    /** After a staff change: the first solved/closed, a complaint opened. */
    changed(meta: ThreadMeta, by: StaffRef, change: StaffChange): Promise<unknown> {
      const at = Date.now();
      return safely('changed', async () => {
        if ('status' in change && (change.status === 'solved' || change.status === 'closed') && (await first(meta, 'resolvedAt', at))) {
          await count(meta, at, by.id, { resolved: 1 }, [['res', at - meta.createdAt]]);
        }
        if ('complaint' in change && change.complaint && (await first(meta, 'complaintAt', at)))
          await count(meta, at, meta.assignee?.id ?? by.id, { complaints: 1 });
      });
    },

    /** After the patient's answer: solved (once), rated (once). */
    patientAnswered(meta: ThreadMeta, before: PatientSolution | null, after: PatientSolution): Promise<unknown> {
      const at = Date.now();
      const who = meta.assignee?.id ?? null;
      return safely('patient', async () => {
        if (after.solved && !before?.solved) await count(meta, at, who, { solved: 1 });
        if (after.rating !== null && before?.rating == null) await count(meta, at, who, { ratings: 1, ratingSum: after.rating });
      });
    },
  };
}

export type ReportRecorder = ReturnType<typeof createReportRecorder>;
