/**
 * The clinic's inbox: for every audience (relay/access/audiences.ts), sorted sets of the
 * thread ids it may see, scored by last activity. They are derived from the threads'
 * metadata and reconciled with it after every change: the thread goes into the sets its
 * audiences give and out of every set it was recorded in before, so a step lost in a
 * crash is repaired by the next change or by the client's retry. A staff member's page
 * reads one set per audience they belong to and merges them: no filtering after the
 * read, so a page is always full when more threads exist.
 */
import type { ThreadId } from '../../protocol/ids.ts';
import { LIMITS } from '../../protocol/limits.ts';
import type { InboxRequest } from '../../protocol/requests.ts';
import { inboxKeysFor, inboxKeysOf, type InboxFilter } from '../access/audiences.ts';
import type { Viewer } from '../access/visibility.ts';
import { RelayError } from '../errors.ts';
import type { RelayCommands } from './redis-client.ts';
import { keys } from './keys.ts';
import type { ThreadMeta } from './thread-meta.ts';

/** Only a concurrent move of the same thread to other sets makes the script ask to read again (the first attempt reads nothing). */
const INDEX_ATTEMPTS = 6;

interface MembershipRecord {
  version: number;
  keys: string[];
}

export interface InboxResult {
  /** Newest activity first. */
  threads: ThreadMeta[];
  /** Pass as `before` for the next page; null at the end. */
  next: number | null;
}

interface Entry {
  id: ThreadId;
  score: number;
}

export function createInboxIndex(redis: RelayCommands, threadById: (id: ThreadId) => Promise<ThreadMeta | null>) {
  /** One set's entries strictly older than `before`, newest first. */
  async function read(key: string, before: number | undefined, count: number): Promise<Entry[]> {
    const flat = await redis.zrevrangebyscore(key, before === undefined ? '+inf' : `(${before}`, '-inf', 'WITHSCORES', 'LIMIT', 0, count);
    const entries: Entry[] = [];
    for (let i = 0; i < flat.length; i += 2) entries.push({ id: flat[i] as ThreadId, score: Number(flat[i + 1]) });
    return entries;
  }

  return {
    /** Puts the thread in exactly the inbox sets its current state gives. */
    async index(meta: ThreadMeta): Promise<void> {
      const membership = keys.inboxMembership(meta.clinicId);
      const current = inboxKeysOf(meta);
      const record = JSON.stringify({ version: meta.version, keys: current } satisfies MembershipRecord);
      // The first attempt does not read the record: on the hot path (a message to a thread
      // that stays in the same sets) nothing recorded is undeclared, so one round trip does
      // it; the script answers -1 when the thread left sets, and then the record is read.
      let seen: string | null = null;
      for (let attempt = 0; attempt < INDEX_ATTEMPTS; attempt += 1) {
        const left = seen ? (JSON.parse(seen) as MembershipRecord).keys.filter((key) => !current.includes(key)) : [];
        // One script on the clinic's hash tag: a single round trip, atomic, Cluster-safe.
        const result = await redis.indexThread(
          1 + current.length + left.length,
          membership,
          ...current,
          ...left,
          meta.id,
          meta.lastActivityAt,
          meta.version,
          current.length,
          record,
        );
        if (result !== -1) return;
        seen = (await redis.hget(membership, meta.id)) ?? '';
      }
      throw new RelayError('RELAY_ERR_INBOX_CONTENDED', meta.id);
    },

    /** One page of what this staff member may see, narrowed by the request. */
    async list(viewer: Viewer, request: InboxRequest): Promise<InboxResult> {
      const limit = request.limit ?? LIMITS.pageSizeDefault;
      const filter: InboxFilter = { status: request.status };
      if (request.assignee !== undefined) {
        filter.assignee = request.assignee === 'me' ? viewer.id : request.assignee === 'unassigned' ? null : request.assignee;
      }
      // A thread several of the viewer's audiences see is in several sets: merge, keep one.
      const sets = await Promise.all(inboxKeysFor(viewer, filter).map((key) => read(key, request.before, limit + 1)));
      const merged = new Map<ThreadId, Entry>();
      for (const entry of sets.flat()) merged.set(entry.id, entry);
      const ordered = [...merged.values()].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
      const page = ordered.slice(0, limit);
      const metas = await Promise.all(page.map((entry) => threadById(entry.id)));
      return {
        threads: metas.filter((meta): meta is ThreadMeta => meta !== null),
        next: ordered.length > limit ? page.at(-1)!.score : null,
      };
    },
  };
}

export type InboxIndex = ReturnType<typeof createInboxIndex>;
