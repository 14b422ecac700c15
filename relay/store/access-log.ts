import type { AttachmentId, ClinicId, StaffId, ThreadId, VisitorId } from '../../protocol/ids.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';

/**
 * What the access log records: a staff member opened a conversation, sent its patient a
 * resume link, or a patient's browser used one (R17, issue 8), or a staff member asked for a
 * file's download URL (issue 9).
 */
export type AccessEntry =
  | { action: 'open' | 'link-sent'; staffId: StaffId; threadId: ThreadId }
  | { action: 'link-used'; visitorId: VisitorId }
  | { action: 'file'; staffId: StaffId; threadId: ThreadId; attachmentId: AttachmentId };

/** Who opened which conversation and which links were sent and used, when: one stream per clinic. */
export function createAccessLog(redis: RelayRedis) {
  return {
    async record(clinicId: ClinicId, staffId: StaffId, threadId: ThreadId, action: 'open' | 'link-sent' = 'open'): Promise<void> {
      await redis.xadd(keys.accessLog(clinicId), '*', 'staff', staffId, 'thread', threadId, 'action', action);
    },

    /** A staff member got a signed URL for one of the thread's files. */
    async recordFile(clinicId: ClinicId, staffId: StaffId, threadId: ThreadId, attachmentId: AttachmentId): Promise<void> {
      await redis.xadd(keys.accessLog(clinicId), '*', 'staff', staffId, 'thread', threadId, 'action', 'file', 'attachment', attachmentId);
    },

    /** A resume link bound a new browser to this patient. */
    async recordLinkUse(clinicId: ClinicId, visitorId: VisitorId): Promise<void> {
      await redis.xadd(keys.accessLog(clinicId), '*', 'visitor', visitorId, 'action', 'link-used');
    },

    async list(clinicId: ClinicId, count: number): Promise<(AccessEntry & { at: number })[]> {
      const entries = (await redis.xrevrange(keys.accessLog(clinicId), '+', '-', 'COUNT', count)) as [string, string[]][];
      return entries.map(([id, flat]) => {
        const fields: Record<string, string> = {};
        for (let i = 0; i < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
        const at = Number(id.split('-')[0]);
        // Entries written before actions were recorded are openings.
        if (fields.action === 'link-used') return { at, action: 'link-used' as const, visitorId: fields.visitor as VisitorId };
        if (fields.action === 'file') {
          const file = { staffId: fields.staff as StaffId, threadId: fields.thread as ThreadId, attachmentId: fields.attachment as AttachmentId };
          return { at, action: 'file' as const, ...file };
        }
        return {
          at,
          action: fields.action === 'link-sent' ? ('link-sent' as const) : ('open' as const),
          staffId: fields.staff as StaffId,
          threadId: fields.thread as ThreadId,
        };
      });
    },
  };
}

export type AccessLog = ReturnType<typeof createAccessLog>;
