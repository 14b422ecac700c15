/**
 * The report's part of an erasure (issue 10 §5): the per-day duration sets name threads for
 * the drill-down, so an erased thread leaves them; the counters, which name nobody, stay.
 */
import type { ClinicId } from '../../protocol/ids.ts';
import type { ErasureStep } from '../privacy/erasure-step.ts';
import type { RelayRedis } from '../store/redis-client.ts';
import { scanKeys } from '../store/scan-keys.ts';
import { reportKeys } from './report-keys.ts';

/** Keys read per SCAN: an erasure is rare, and a clinic has at most a few thousand report sets. */
const SCAN_COUNT = 1_000;

export function reportErasureStep(redis: RelayRedis): ErasureStep {
  return {
    name: 'reports',
    async eraseThreads(clinicId: ClinicId, threads) {
      if (threads.length === 0) return;
      const ids = threads.map((thread) => thread.id);
      // Any day, any staff member: `{c:ID}:report:<day>:frt:<who>` and `…:res:<who>`.
      const pattern = reportKeys.firstResponse(clinicId, '*', '*').replace(':frt:', ':*:');
      for await (const found of scanKeys(redis, { match: pattern, count: SCAN_COUNT })) {
        await Promise.all(found.map((key) => redis.zrem(key, ...ids)));
      }
    },
  };
}
