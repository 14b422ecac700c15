/**
 * The clinic's access log (R17, issue 10 §5): one append-only Redis stream per clinic of
 * every staff read of patient data — thread opens, history pages, the patient profile,
 * search hits, attachments, exports —, erasures, and resume links sent and used. Nothing
 * here trims or edits the stream. Entries name the patient and thread by pseudonyms
 * (store/scripts/record-access.lua); erasing a patient forgets theirs (`forget`), so the
 * log keeps who read when, but no longer whose data.
 */
import type { AccessAction, AccessEntry, AccessLogQuery } from '../../protocol/access-log.ts';
import type { ClinicId, StaffId, ThreadId, VisitorId } from '../../protocol/ids.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';
import { newEntityId } from './random-ids.ts';

/** One thing to record: who (null for no staff member), what, about which patient and thread. */
export interface AccessRecord {
  action: AccessAction;
  staffId: StaffId | null;
  visitorId?: VisitorId | null;
  threadId?: ThreadId | null;
}

/** Entries read per XREVRANGE while filtering, and at most this many batches per page. */
const SCAN_BATCH = 500;
const SCAN_BATCHES = 20;
const DEFAULT_PAGE = 100;

const fieldsOf = (flat: string[]) => {
  const fields: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  return fields;
};

/** The stream id just below `id`, for an exclusive upper bound. */
function below(id: string): string {
  const [ms, seq] = id.split('-').map(Number) as [number, number];
  return seq > 0 ? `${ms}-${seq - 1}` : `${ms - 1}-18446744073709551615`;
}

export function createAccessLog(redis: RelayRedis) {
  return {
    async record(clinicId: ClinicId, entry: AccessRecord): Promise<void> {
      await redis.recordAccess(
        keys.accessLog(clinicId),
        keys.accessRefs(clinicId),
        keys.accessRefOf(clinicId),
        entry.action,
        entry.staffId ?? '',
        entry.visitorId ?? '',
        entry.threadId ?? '',
        newEntityId(),
        newEntityId(),
      );
    },

    /** A page of entries, newest first, matching every filter given. */
    async list(clinicId: ClinicId, query: Omit<AccessLogQuery, 'format'> = {}): Promise<{ entries: AccessEntry[]; next: string | null }> {
      const limit = query.limit ?? DEFAULT_PAGE;
      const visitorRef = query.visitorId ? await redis.hget(keys.accessRefOf(clinicId), query.visitorId) : null;
      if (query.visitorId && !visitorRef) return { entries: [], next: null };
      const matches = (fields: Record<string, string>) =>
        (!query.action || fields.action === query.action) && (!query.staffId || fields.staff === query.staffId) && (!visitorRef || fields.v === visitorRef);

      const found: [string, Record<string, string>][] = [];
      let end = query.before ? below(query.before) : query.until !== undefined ? `${query.until}-18446744073709551615` : '+';
      const start = query.since !== undefined ? `${query.since}-0` : '-';
      let exhausted = false;
      let lastScanned: string | null = null;
      for (let batch = 0; batch < SCAN_BATCHES && found.length < limit && !exhausted; batch++) {
        const entries = (await redis.xrevrange(keys.accessLog(clinicId), end, start, 'COUNT', SCAN_BATCH)) as [string, string[]][];
        for (const [id, flat] of entries) {
          lastScanned = id;
          const fields = fieldsOf(flat);
          if (matches(fields)) found.push([id, fields]);
          if (found.length === limit) break;
        }
        exhausted = entries.length < SCAN_BATCH;
        if (lastScanned) end = below(lastScanned);
      }
      const page = found.slice(0, limit);
      const refs = [...new Set(page.flatMap(([, f]) => [f.v, f.t]).filter((ref): ref is string => Boolean(ref)))];
      const resolved = refs.length > 0 ? await redis.hmget(keys.accessRefs(clinicId), ...refs) : [];
      const idOf = new Map(refs.map((ref, i) => [ref, resolved[i] ?? null]));
      const entries = page.map(([id, f]): AccessEntry => {
        const visitorId = f.v ? ((idOf.get(f.v) ?? null) as VisitorId | null) : null;
        const threadId = f.t ? ((idOf.get(f.t) ?? null) as ThreadId | null) : null;
        return {
          id,
          at: Number(id.split('-')[0]),
          action: f.action as AccessAction,
          staffId: (f.staff || null) as StaffId | null,
          visitorId,
          threadId,
          erased: Boolean((f.v && !visitorId) || (f.t && !threadId)),
        };
      });
      // A full page continues after its last entry; a scan cut short continues where it stopped.
      const next = found.length >= limit ? page.at(-1)![0] : exhausted ? null : lastScanned;
      return { entries, next };
    },

    /** Forgets the pseudonyms of a patient and their threads: their entries stay, marked erased. */
    async forget(clinicId: ClinicId, ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      const refs = (await redis.hmget(keys.accessRefOf(clinicId), ...ids)).filter((ref): ref is string => ref !== null);
      const multi = redis.multi().hdel(keys.accessRefOf(clinicId), ...ids);
      if (refs.length > 0) multi.hdel(keys.accessRefs(clinicId), ...refs);
      await multi.exec();
    },
  };
}

export type AccessLog = ReturnType<typeof createAccessLog>;
