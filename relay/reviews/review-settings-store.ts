/**
 * A clinic's settings for complaint work (issue 13): the status steps its patients see.
 * Apart from the clinic's own hash, so the complaint workflow can grow without touching
 * the clinic record; a clinic that never chose gets the defaults of protocol/review-flow.ts.
 */
import type { ClinicId } from '../../protocol/ids.ts';
import { DEFAULT_STATUS_STEPS, type StatusStep } from '../../protocol/review-flow.ts';
import type { RelayRedis } from '../store/redis-client.ts';
import { reviewKeys } from './review-keys.ts';

export function createReviewSettingsStore(redis: RelayRedis) {
  return {
    async steps(clinicId: ClinicId): Promise<readonly StatusStep[]> {
      const raw = await redis.hget(reviewKeys.settings(clinicId), 'steps');
      return raw ? (JSON.parse(raw) as StatusStep[]) : DEFAULT_STATUS_STEPS;
    },
    async setSteps(clinicId: ClinicId, steps: readonly StatusStep[]): Promise<void> {
      await redis.hset(reviewKeys.settings(clinicId), 'steps', JSON.stringify(steps));
    },
  };
}

export type ReviewSettingsStore = ReturnType<typeof createReviewSettingsStore>;
