import type { ClinicId, StaffId, ThreadId } from '../../protocol/ids.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';

/** Who opened which conversation, when (R17): one stream per clinic, appended on every open. */
export function createAccessLog(redis: RelayRedis) {
  return {
    async record(clinicId: ClinicId, staffId: StaffId, threadId: ThreadId): Promise<void> {
      await redis.xadd(keys.accessLog(clinicId), '*', 'staff', staffId, 'thread', threadId);
    },

    async list(clinicId: ClinicId, count: number): Promise<{ at: number; staffId: StaffId; threadId: ThreadId }[]> {
      const entries = (await redis.xrevrange(keys.accessLog(clinicId), '+', '-', 'COUNT', count)) as [string, string[]][];
      return entries.map(([id, fields]) => ({
        at: Number(id.split('-')[0]),
        staffId: fields[1] as StaffId,
        threadId: fields[3] as ThreadId,
      }));
    },
  };
}

export type AccessLog = ReturnType<typeof createAccessLog>;
