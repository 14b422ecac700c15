/**
 * Verified identity across devices (issue 10 §4): per clinic, which visitor holds the
 * history of a patient the clinic's site vouched for (`visitor:identify` with a valid
 * signature), and how another visitor's threads join that history. The patient id is the
 * clinic's data about its patient: it is a field of the clinic's hash here and of the
 * visitor's hash, never a log line or metric label, and erasing the patient removes both
 * (privacy/verified-identity-step.ts).
 */
import type { ClinicId, ThreadId, VisitorId } from '../../protocol/ids.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';
import { deleteByValue } from './delete-by-value.ts';
import { fromHash, type ThreadMeta } from './thread-meta.ts';
import { threadSlot } from './visitor-store.ts';

/** The visitor's hash field with the patient id the clinic vouched for (store/visitor-store.ts `identify`). */
const VERIFIED_FIELD = 'verifiedId';

export function createVerifiedPatients(redis: RelayRedis) {
  return {
    /** The visitor holding this patient's history: `visitor` when none did (HSETNX: two first devices agree on one). */
    async claim(clinicId: ClinicId, patientId: string, visitor: VisitorId): Promise<VisitorId> {
      const key = keys.verifiedPatients(clinicId);
      if ((await redis.hsetnx(key, patientId, visitor)) === 1) return visitor;
      return ((await redis.hget(key, patientId)) as VisitorId | null) ?? visitor;
    },

    /** `visitor` holds the patient from now on (the former holder is gone: erased, or expired unused). */
    async replace(clinicId: ClinicId, patientId: string, visitor: VisitorId): Promise<void> {
      await redis.hset(keys.verifiedPatients(clinicId), patientId, visitor);
    },

    /** Erasure, before the visitor's record goes (it names the patient id): the id leaves the index if this visitor holds it. */
    async forget(clinicId: ClinicId, visitor: VisitorId): Promise<void> {
      const patientId = await redis.hget(keys.visitor(visitor), VERIFIED_FIELD);
      const key = keys.verifiedPatients(clinicId);
      if (patientId && (await redis.hget(key, patientId)) === visitor) await redis.hdel(key, patientId);
    },

    /**
     * Every thread of `from` becomes one of `to`, oldest first, and is returned. Each
     * joins the end of its slot's timeline in `to` (the slot's current one only where `to`
     * has none), so the newest thread of either device stays writable and a message still
     * in `from`'s outbox reaches its own thread, where its client id is de-duplicated.
     * Single-key steps (the keys live in different slots on a cluster), in an order that a
     * stop between leaves every thread readable by one of the two: `to` lists it, then its
     * meta names `to`, then `from` stops listing it. A retry finds metas naming `to` and
     * only finishes the last step.
     */
    async moveThreads(from: VisitorId, to: VisitorId): Promise<ThreadMeta[]> {
      const ids = (await redis.smembers(keys.visitorAllThreads(from))) as ThreadId[];
      const metas = (await Promise.all(ids.map(async (id) => fromHash(await redis.hgetall(keys.threadMeta(id)))))).filter(
        (meta): meta is ThreadMeta => meta !== null,
      );
      metas.sort((a, b) => a.createdAt - b.createdAt);
      const current = await redis.hgetall(keys.visitorThreads(from));
      const moved: ThreadMeta[] = [];
      for (const meta of metas) {
        const slot = threadSlot(meta.doctor?.id ?? null);
        if (meta.visitorId === from) {
          await redis.sadd(keys.visitorAllThreads(to), meta.id);
          await redis.rpush(keys.visitorTimeline(to, slot), meta.id);
          if (current[slot] === meta.id) await redis.hsetnx(keys.visitorThreads(to), slot, meta.id);
          await redis.hset(keys.threadMeta(meta.id), 'visitorId', to);
        }
        if (meta.visitorId === from || meta.visitorId === to) moved.push({ ...meta, visitorId: to });
        await redis.srem(keys.visitorAllThreads(from), meta.id);
      }
      // What is left of `from`'s thread lists names only threads `to` now holds.
      const slots = new Set(metas.map((meta) => threadSlot(meta.doctor?.id ?? null)));
      await Promise.all([keys.visitorThreads(from), ...[...slots].map((slot) => keys.visitorTimeline(from, slot))].map((key) => redis.del(key)));
      return moved;
    },

    /**
     * The record of a visitor whose threads moved away (`moveThreads`), `also` keys other
     * parts keep of it (its sender counters; one DEL each: no common hash tag), and the
     * records under `byValue` prefixes that name it (its tokens, resume codes: one SCAN).
     * Its contact and search words are the caller's.
     */
    async removeVisitor(visitor: VisitorId, also: readonly string[], byValue: readonly string[]): Promise<void> {
      await deleteByValue(redis, byValue, visitor);
      await Promise.all([keys.visitor(visitor), ...also].map((key) => redis.del(key)));
    },
  };
}

export type VerifiedPatients = ReturnType<typeof createVerifiedPatients>;
