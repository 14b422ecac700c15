/**
 * A clinic's settings for complaint work (issue 13): the status steps its patients see
 * and the writing guidance. Apart from the clinic's own hash, so the complaint workflow
 * can grow without touching the clinic record; a clinic that never chose gets the
 * defaults of protocol/status-steps.ts and protocol/review-settings.ts.
 */
import type { ClinicId } from '../../protocol/ids.ts';
import type { StatusStep } from '../../protocol/review-flow.ts';
import { DEFAULT_GUIDANCE, type GuidanceSettings, type ReviewSettings, type ReviewSettingsUpdate } from '../../protocol/review-settings.ts';
import { DEFAULT_STATUS_STEPS } from '../../protocol/status-steps.ts';
import type { RelayRedis } from '../store/redis-client.ts';
import { reviewKeys } from './review-keys.ts';

export function createReviewSettingsStore(redis: RelayRedis) {
  async function get(clinicId: ClinicId): Promise<ReviewSettings> {
    const [steps, guidance] = await redis.hmget(reviewKeys.settings(clinicId), 'steps', 'guidance');
    return {
      steps: steps ? (JSON.parse(steps) as StatusStep[]) : [...DEFAULT_STATUS_STEPS],
      guidance: guidance ? (JSON.parse(guidance) as GuidanceSettings) : { ...DEFAULT_GUIDANCE },
    };
  }

  return {
    get,
    async steps(clinicId: ClinicId): Promise<readonly StatusStep[]> {
      return (await get(clinicId)).steps;
    },
    async update(clinicId: ClinicId, changes: ReviewSettingsUpdate): Promise<ReviewSettings> {
      const fields: Record<string, string> = {};
      if (changes.steps) fields.steps = JSON.stringify(changes.steps);
      if (changes.guidance) fields.guidance = JSON.stringify(changes.guidance);
      if (Object.keys(fields).length > 0) await redis.hset(reviewKeys.settings(clinicId), fields);
      return get(clinicId);
    },
  };
}

export type ReviewSettingsStore = ReturnType<typeof createReviewSettingsStore>;
