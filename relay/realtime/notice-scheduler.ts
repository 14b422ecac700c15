/**
 * When conversations change, which notices to schedule or cancel (issue 8): the one
 * place that turns "a patient wrote", "staff replied", "the patient read it" and "staff
 * asked for a link" into queue calls with the clinic's delays.
 *
 * Callers await these (one queue command each, so an acked message has its notices in
 * Redis), but they never reject: a queue that fails is logged with
 * RELAY_ERR_NOTIFY_SCHEDULE and never fails the send. Nothing here waits on a mail server
 * or gateway; sending happens when the job fires. `settle()` lets calls still under way
 * reach Redis before the queue closes. A job that should have been cancelled but was not
 * (a race, a lost cancel) is harmless: the resolver re-checks its condition when it fires.
 */
import type { ClinicId, ThreadId } from '../../protocol/ids.ts';
import type { RelayConfig } from '../config.ts';
import type { Logger } from 'pino';
import type { NotificationQueue, NotifyKind } from '../notify/notification-queue.ts';
import { effectiveDelays, type NotifyDelays } from '../notify/notify-settings.ts';
import type { Clinic } from '../store/clinic-store.ts';
import type { ThreadMeta } from '../store/thread-store.ts';
import { createTtlCache } from '../store/ttl-cache.ts';

// A clinic's notify settings reach the scheduler within 5 s of a change.
const CLINIC_CACHE = { ttlMs: 5_000, maxEntries: 10_000 };

export interface NoticeScheduler {
  /**
   * A patient's message was stored: staff alert, then escalation, unless someone answers.
   * Resolves to how long (ms) both stay pending at least, so the caller may skip this for
   * further messages until then (keys.threadAlerts); null when scheduling failed.
   */
  patientWrote(meta: ThreadMeta): Promise<number | null>;
  /** A staff reply (not a note) or an answer to a booking request was stored: the patient is told unless they read it. */
  staffReplied(meta: ThreadMeta): Promise<void>;
  /** The patient has read every staff message of the thread. */
  patientCaughtUp(threadId: ThreadId): Promise<void>;
  /** Staff asked for a resume link to be sent now (a job, so it is retried and can fail visibly). */
  sendLink(threadId: ThreadId): Promise<void>;
  /** Waits for calls still on their way to the queue. */
  settle(): Promise<void>;
}

export function createNoticeScheduler(deps: {
  queue: NotificationQueue;
  config: Pick<RelayConfig, 'notifyPatientAfterSeconds' | 'notifyStaffAfterSeconds' | 'notifyEscalateAfterSeconds'>;
  clinic(id: ClinicId): Promise<Clinic | null>;
  log: Logger;
}): NoticeScheduler {
  const { queue, log } = deps;
  const clinics = createTtlCache(CLINIC_CACHE, deps.clinic);
  const pending = new Set<Promise<void>>();

  async function delays(clinicId: ClinicId): Promise<NotifyDelays> {
    const notify = (await clinics.get(clinicId))?.notify;
    return effectiveDelays(
      deps.config,
      notify && {
        patientAfterSeconds: notify.patientAfterMinutes * 60,
        staffAfterSeconds: notify.staffAfterMinutes * 60,
        escalateAfterSeconds: notify.escalateAfterMinutes * 60,
      },
    );
  }

  function tracked(threadId: ThreadId, work: () => Promise<unknown>): Promise<void> {
    const run = work().then(
      () => undefined,
      (error: unknown) => log.error({ code: 'RELAY_ERR_NOTIFY_SCHEDULE', threadId, type: (error as Error)?.name }, 'a notice could not be scheduled'),
    );
    pending.add(run);
    return run.finally(() => pending.delete(run));
  }

  const cancel = (kinds: NotifyKind[], threadId: ThreadId) => Promise.all(kinds.map((kind) => queue.cancel(kind, threadId)));

  return {
    async patientWrote(meta) {
      let pendingMs: number | null = null;
      await tracked(meta.id, async () => {
        const d = await delays(meta.clinicId);
        await Promise.all([
          queue.schedule('staff-alert', meta.id, d.staffAfterSeconds * 1000),
          queue.schedule('escalation', meta.id, d.escalateAfterSeconds * 1000),
        ]);
        pendingMs = Math.min(d.staffAfterSeconds, d.escalateAfterSeconds) * 1000;
      });
      return pendingMs;
    },
    staffReplied(meta) {
      return tracked(meta.id, async () => {
        const d = await delays(meta.clinicId);
        await cancel(['staff-alert', 'escalation'], meta.id);
        await queue.schedule('patient-notice', meta.id, d.patientAfterSeconds * 1000);
      });
    },
    patientCaughtUp(threadId) {
      return tracked(threadId, () => cancel(['patient-notice'], threadId));
    },
    async sendLink(threadId) {
      await queue.schedule('resume-invite', threadId, 0);
    },
    async settle() {
      await Promise.all(pending);
    },
  };
}
