/**
 * The clinic's inbox: sorted sets of thread ids scored by last activity, one per view
 * (all, per status, per assignee, general, complaints). They are derived from the
 * threads' metadata and rewritten from it after every change, so a step lost in a
 * crash is repaired by the next change or by the client's retry.
 */
import type { ClinicId, StaffId, ThreadId } from '../../protocol/ids.ts';
import type { RelayRedis } from './redis-client.ts';
import type { ThreadMeta } from './thread-store.ts';
import { keys } from './keys.ts';

function viewsOf(meta: ThreadMeta): string[] {
  const views = [
    keys.inboxAll(meta.clinicId),
    keys.inboxByStatus(meta.clinicId, meta.status),
    keys.inboxByAssignee(meta.clinicId, meta.assignee?.id ?? null),
  ];
  if (meta.kind === 'general') views.push(keys.inboxGeneral(meta.clinicId));
  if (meta.complaint) views.push(keys.inboxComplaints(meta.clinicId));
  if (meta.doctor && meta.doctor.id !== meta.assignee?.id) views.push(keys.inboxByAssignee(meta.clinicId, meta.doctor.id));
  return views;
}

export function createInboxIndex(redis: RelayRedis) {
  return {
    /**
     * Puts the thread in every view it belongs to, at its last activity. Pass what the
     * thread was before a status or assignment change to take it out of the old views.
     */
    async index(meta: ThreadMeta, before?: Pick<ThreadMeta, 'status' | 'assignee' | 'complaint'>): Promise<void> {
      const current = viewsOf(meta);
      const left = before ? viewsOf({ ...meta, ...before }).filter((view) => !current.includes(view)) : [];
      // One script on the clinic's hash tag: a single round trip, atomic, Cluster-safe.
      const views = [...current, ...left];
      await redis.indexThread(views.length, ...views, meta.lastActivityAt, meta.id, current.length);
    },

    /** Thread ids of one view, newest activity first, strictly older than `before`. */
    async page(view: string, before: number | undefined, limit: number): Promise<{ ids: ThreadId[]; scores: number[] }> {
      const max = before === undefined ? '+inf' : `(${before}`;
      const flat = await redis.zrevrangebyscore(view, max, '-inf', 'WITHSCORES', 'LIMIT', 0, limit);
      const ids: ThreadId[] = [];
      const scores: number[] = [];
      for (let i = 0; i < flat.length; i += 2) {
        ids.push(flat[i] as ThreadId);
        scores.push(Number(flat[i + 1]));
      }
      return { ids, scores };
    },

    views: {
      all: keys.inboxAll,
      status: keys.inboxByStatus,
      assignee: (clinic: ClinicId, staff: StaffId | null) => keys.inboxByAssignee(clinic, staff),
      general: keys.inboxGeneral,
      complaints: keys.inboxComplaints,
    },
  };
}

export type InboxIndex = ReturnType<typeof createInboxIndex>;
