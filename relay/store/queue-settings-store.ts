/** A clinic's queue settings (issue 12 §2): the waiting-time target and auto-assignment. */
import type { ClinicId } from '../../protocol/ids.ts';
import { DEFAULT_WAIT_TARGET_MINUTES } from '../../protocol/inbox-views.ts';
import type { QueueSettings, QueueSettingsUpdate } from '../../protocol/queue.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';
import { createTtlCache } from './ttl-cache.ts';

/** How stale the send path's copy may be, and how many clinics it remembers. */
const RECENT = { ttlMs: 5_000, maxEntries: 10_000 };

/** What a clinic has until its owner says otherwise: assigning stays a deliberate act. */
export const DEFAULT_QUEUE_SETTINGS: Readonly<QueueSettings> = Object.freeze({
  waitTargetMinutes: DEFAULT_WAIT_TARGET_MINUTES,
  autoAssign: false,
});

export function createQueueSettingsStore(redis: RelayRedis) {
  async function get(clinicId: ClinicId): Promise<QueueSettings> {
    const hash = await redis.hgetall(keys.queueSettings(clinicId));
    return {
      waitTargetMinutes: hash.waitTargetMinutes ? Number(hash.waitTargetMinutes) : DEFAULT_QUEUE_SETTINGS.waitTargetMinutes,
      autoAssign: hash.autoAssign ? hash.autoAssign === '1' : DEFAULT_QUEUE_SETTINGS.autoAssign,
    };
  }

  const recent = createTtlCache(RECENT, get);

  return {
    get,

    /**
     * The settings as read at most a few seconds ago: for the send path (a staff reply to an
     * unassigned conversation asks for auto-assignment), where a read per message is the
     * cost (issue 14 §5). A change made on this relay is seen at once, on another within RECENT.
     */
    recent: (clinicId: ClinicId): Promise<QueueSettings> => recent.get(clinicId),

    async update(clinicId: ClinicId, update: QueueSettingsUpdate): Promise<QueueSettings> {
      const fields: Record<string, string> = {};
      if (update.waitTargetMinutes !== undefined) fields.waitTargetMinutes = String(update.waitTargetMinutes);
      if (update.autoAssign !== undefined) fields.autoAssign = update.autoAssign ? '1' : '0';
      if (Object.keys(fields).length > 0) await redis.hset(keys.queueSettings(clinicId), fields);
      recent.delete(clinicId);
      return get(clinicId);
    },
  };
}
