/**
 * The clinic's inbox: for every audience (relay/access/audiences.ts), sorted sets of the
 * thread ids it may see, scored by last activity. They are derived from the threads'
 * metadata and reconciled with it after every change: the thread goes into the sets its
 * audiences give and out of every set it was recorded in before, so a step lost in a
 * crash is repaired by the next change or by the client's retry. A staff member's page
 * reads one set per audience they belong to and merges them: no filtering after the
 * read, so a page is always full when more threads exist. The awaiting sets are scored by
 * waiting-since and read oldest first; counts are unions of the viewer's sets.
 */
import type { ThreadId } from '../../protocol/ids.ts';
import { LIMITS } from '../../protocol/limits.ts';
import type { InboxRequest } from '../../protocol/requests.ts';
import { VIEW_RULES, viewsFor, type InboxView } from '../../protocol/inbox-views.ts';
import type { InboxCounts } from '../../protocol/queue.ts';
import { inboxKeysFor, inboxKeysOf, isAwaitingKey, type InboxFilter } from '../access/audiences.ts';
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

/**
 * Where a thread belongs in the inbox as it is now: its membership record's hash, the sets
 * its audiences give with their scores (the awaiting sets by waiting-since), and the record
 * to store (scripts/lib/inbox-entry.lua).
 */
export function inboxEntry(meta: ThreadMeta): { membership: string; sets: string[]; record: string; scores: number[] } {
  const sets = inboxKeysOf(meta);
  return {
    membership: keys.inboxMembership(meta.clinicId),
    sets,
    record: JSON.stringify({ version: meta.version, keys: sets } satisfies MembershipRecord),
    scores: sets.map((key) => (isAwaitingKey(key) ? (meta.awaitingSince ?? meta.lastActivityAt) : meta.lastActivityAt)),
  };
}

export function createInboxIndex(redis: RelayCommands, threadById: (id: ThreadId) => Promise<ThreadMeta | null>) {
  const toEntries = (flat: string[]): Entry[] => {
    const entries: Entry[] = [];
    for (let i = 0; i < flat.length; i += 2) entries.push({ id: flat[i] as ThreadId, score: Number(flat[i + 1]) });
    return entries;
  };

  /** One set's entries strictly older than `before`, newest first. */
  const read = async (key: string, before: number | undefined, count: number): Promise<Entry[]> =>
    toEntries(await redis.zrevrangebyscore(key, before === undefined ? '+inf' : `(${before}`, '-inf', 'WITHSCORES', 'LIMIT', 0, count));

  /** One set's entries strictly later than `after`, oldest first. */
  const readAscending = async (key: string, after: number | undefined, count: number): Promise<Entry[]> =>
    toEntries(await redis.zrangebyscore(key, after === undefined ? '-inf' : `(${after}`, '+inf', 'WITHSCORES', 'LIMIT', 0, count));

  /** How many threads are in the union of a viewer's sets: they have at most two (their role's and their own). */
  async function unionSize(sets: string[]): Promise<number> {
    const sizes = await Promise.all(sets.map((key) => redis.zcard(key)));
    const total = sizes.reduce((sum, size) => sum + size, 0);
    // audiencesOfViewer gives one or two sets; the person's own set overlaps their role's.
    return sets.length === 2 ? total - (await redis.zintercard(2, sets[0]!, sets[1]!)) : total;
  }

  return {
    /**
     * Puts the thread in exactly the inbox sets its current state gives. `leftSets`: the
     * caller already knows the thread left sets (a script answered -1), so the record is read first.
     */
    async index(meta: ThreadMeta, { leftSets = false }: { leftSets?: boolean } = {}): Promise<void> {
      const { membership, sets, record, scores } = inboxEntry(meta);
      // Otherwise the first attempt does not read the record: on the hot path (a message to
      // a thread that stays in the same sets) nothing recorded is undeclared, so one round
      // trip does it; the script answers -1 when the thread left sets, and then the record is read.
      let seen: string | null = leftSets ? ((await redis.hget(membership, meta.id)) ?? '') : null;
      for (let attempt = 0; attempt < INDEX_ATTEMPTS; attempt += 1) {
        const left = seen ? (JSON.parse(seen) as MembershipRecord).keys.filter((key) => !sets.includes(key)) : [];
        // One script on the clinic's hash tag: a single round trip, atomic, Cluster-safe.
        const result = await redis.indexThread(
          1 + sets.length + left.length,
          membership,
          ...sets,
          ...left,
          meta.id,
          meta.lastActivityAt,
          meta.version,
          sets.length,
          record,
          ...scores,
        );
        if (result !== -1) return;
        seen = (await redis.hget(membership, meta.id)) ?? '';
      }
      throw new RelayError('RELAY_ERR_INBOX_CONTENDED', meta.id);
    },

    /** One page of what this staff member may see, narrowed by the request. */
    async list(viewer: Viewer, request: InboxRequest): Promise<InboxResult> {
      const limit = request.limit ?? LIMITS.pageSizeDefault;
      const filter: InboxFilter = request.view ? { set: request.view } : { status: request.status };
      if (request.assignee !== undefined && !request.view) {
        filter.assignee = request.assignee === 'me' ? viewer.id : request.assignee === 'unassigned' ? null : request.assignee;
      }
      const oldestFirst = request.view === 'awaiting';
      // A thread several of the viewer's audiences see is in several sets: merge, keep one.
      const sets = await Promise.all(
        inboxKeysFor(viewer, filter).map((key) => (oldestFirst ? readAscending(key, request.after, limit + 1) : read(key, request.before, limit + 1))),
      );
      const merged = new Map<ThreadId, Entry>();
      for (const entry of sets.flat()) merged.set(entry.id, entry);
      const direction = oldestFirst ? -1 : 1;
      const ordered = [...merged.values()].sort((a, b) => direction * (b.score - a.score) || (a.id < b.id ? -1 : 1));
      const page = ordered.slice(0, limit);
      const metas = await Promise.all(page.map((entry) => threadById(entry.id)));
      return {
        threads: metas.filter((meta): meta is ThreadMeta => meta !== null),
        next: ordered.length > limit ? page.at(-1)!.score : null,
      };
    },

    /** How many threads each of the viewer's views holds (protocol/inbox-views.ts). */
    async counts(viewer: Viewer): Promise<InboxCounts['counts']> {
      const views = viewsFor(viewer.role);
      const sizes = await Promise.all(
        views.map((view: InboxView) => {
          const { set, status, assignee } = VIEW_RULES[view];
          const filter: InboxFilter = set ? { set } : { status };
          if (assignee) filter.assignee = assignee === 'me' ? viewer.id : null;
          return unionSize(inboxKeysFor(viewer, filter));
        }),
      );
      return Object.fromEntries(views.map((view, i) => [view, sizes[i]!]));
    },
  };
}

export type InboxIndex = ReturnType<typeof createInboxIndex>;
