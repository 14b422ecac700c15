/**
 * Erasing a patient (the owner, `POST /api/v1/patients/:id/erase`) or idle threads (the
 * retention job): reads the threads' metas once, runs every registered step in order, then
 * makes the access log forget whom its entries were about and records that an erasure
 * happened — by whom, never what. Last it asks Redis to rewrite its append-only file, which
 * otherwise keeps the erased commands until its next automatic rewrite (relay/README.md).
 */
import type { Logger } from 'pino';
import type { ClinicId, StaffId, ThreadId, VisitorId } from '../../protocol/ids.ts';
import { RelayError } from '../errors.ts';
import type { RelayRedis } from '../store/redis-client.ts';
import { keyspaceServers } from '../store/scan-keys.ts';
import type { Stores } from '../store/stores.ts';
import type { ThreadMeta } from '../store/thread-meta.ts';
import type { ErasureStep } from './erasure-step.ts';

export interface PatientErasure {
  /** Adds a step after the others (attachments' files, search index entries). */
  register(step: ErasureStep): void;
  /** Erases the patient and every thread of theirs; false when no such patient in this clinic. */
  erasePatient(clinicId: ClinicId, visitorId: VisitorId, by: StaffId): Promise<boolean>;
  /** Erases these threads of the clinic (the patient stays), as the retention job does. */
  eraseThreads(clinicId: ClinicId, threadIds: readonly ThreadId[]): Promise<number>;
}

export function createPatientErasure(deps: { redis: RelayRedis; stores: Stores; log: Logger; steps: ErasureStep[] }): PatientErasure {
  const { redis, stores, log } = deps;
  const steps = [...deps.steps];

  async function run(name: string, work: () => Promise<void> | undefined): Promise<void> {
    try {
      await work();
    } catch (cause) {
      throw new RelayError('RELAY_ERR_ERASURE', name, { cause });
    }
  }

  async function eraseMetas(clinicId: ClinicId, threads: readonly ThreadMeta[]): Promise<void> {
    for (const step of steps) if (step.eraseThreads) await run(step.name, () => step.eraseThreads!(clinicId, threads));
  }

  async function metasOf(clinicId: ClinicId, ids: readonly ThreadId[]): Promise<ThreadMeta[]> {
    const metas = await Promise.all(ids.map((id) => stores.threads.get(id)));
    return metas.filter((meta): meta is ThreadMeta => meta !== null && meta.clinicId === clinicId);
  }

  /** The append-only file still holds erased values until Redis rewrites it; ask now (every master of a cluster). */
  async function rewriteAof(): Promise<void> {
    try {
      await Promise.all(keyspaceServers(redis).map((server) => server.bgrewriteaof()));
    } catch (error) {
      // A rewrite already running (or a managed Redis that forbids the command): say so, the erasure stands.
      log.warn({ code: 'RELAY_ERR_AOF_REWRITE', type: (error as Error)?.name }, 'could not start an AOF rewrite after an erasure');
    }
  }

  return {
    register(step) {
      steps.push(step);
    },

    async erasePatient(clinicId, visitorId, by) {
      if (!(await stores.visitors.belongsTo(visitorId, clinicId))) return false;
      const threads = await metasOf(clinicId, await stores.visitors.allThreads(visitorId));
      await eraseMetas(clinicId, threads);
      for (const step of steps) if (step.erasePatient) await run(step.name, () => step.erasePatient!(clinicId, visitorId));
      await stores.accessLog.forget(clinicId, [visitorId, ...threads.map((t) => t.id)]);
      await stores.accessLog.record(clinicId, { action: 'erase', staffId: by });
      await rewriteAof();
      return true;
    },

    async eraseThreads(clinicId, threadIds) {
      const threads = await metasOf(clinicId, threadIds);
      if (threads.length === 0) return 0;
      await eraseMetas(clinicId, threads);
      await stores.accessLog.forget(
        clinicId,
        threads.map((t) => t.id),
      );
      await stores.accessLog.record(clinicId, { action: 'retention-erase', staffId: null });
      await rewriteAof();
      return threads.length;
    },
  };
}
