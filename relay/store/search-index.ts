/**
 * Conversation search on Redis alone (issue 12 §2; no RediSearch on Debian's Redis 7.0).
 * An inverted index per clinic: a dictionary of every word (one sorted set, all at score
 * 0, so the words a query prefix begins are one ZRANGEBYLEX) and, per word, a sorted set of
 * the entries that have it scored by time — a message (`t:<thread>:<stream id>`) or a
 * patient's name, e-mail or phone (`v:<visitor>:<field>`). Words are read the way
 * protocol/search-text.ts says, which the console's highlighting shares. A query is the
 * prefixes' words and sizes, then one script (scripts/search-candidates.lua). Who may see
 * which thread is decided afterwards by the access rules (relay/access/visibility.ts), with
 * the candidates' threads read in batches; a role that reads few threads of a busy clinic
 * may so miss matches beyond the newest MAX_CANDIDATES entries.
 */
import type { ClinicId, StreamId, ThreadId, VisitorId } from '../../protocol/ids.ts';
import { indexWords, messageWords, phoneWords, queryPrefixes } from '../../protocol/search-text.ts';
import type { SearchField } from '../../protocol/search.ts';
import { canRead, type Viewer } from '../access/visibility.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';
import type { ThreadMeta } from './thread-meta.ts';

/** Words one query prefix may stand for: a two-letter prefix must not walk the whole dictionary. */
const MAX_EXPANSIONS = 32;
/** Distinct entries a query looks at, newest first; threads the viewer may not read are skipped among them. */
const MAX_CANDIDATES = 1000;
/** Matches a query stops at: ten per hit asked leaves room for threads the viewer may not read. */
const ENOUGH_MATCHES = 200;
/** Stream entries read per step when a thread's messages leave the index. */
const FORGET_PAGE = 500;
/** The byte after every UTF-8 character: the end of a prefix's lexicographic range. */
const HIGH = Buffer.from([0xff]);

const PATIENT_FIELDS = ['name', 'email', 'phone'] as const satisfies readonly SearchField[];
type PatientField = (typeof PATIENT_FIELDS)[number];

export interface SearchHit {
  thread: ThreadMeta;
  field: SearchField;
  /** The message that matched; null for a patient's name, e-mail or phone. */
  messageId: StreamId | null;
  /** The matched text: the message, or the patient's field. */
  text: string;
}

/** The text message kinds of the stream (store/thread-store.ts): patient and staff text, notes. */
const TEXT_KINDS = new Set(['p', 's', 'n']);

const wordsOfField = (field: PatientField, value: string): string[] => (field === 'phone' ? phoneWords(value) : indexWords(value));

export interface SearchIndexDeps {
  thread(id: ThreadId): Promise<ThreadMeta | null>;
  /** Every thread of a patient. */
  patientThreads(visitor: VisitorId): Promise<ThreadId[]>;
  /** A patient's stored name, e-mail or phone. */
  patientField(visitor: VisitorId, field: PatientField): Promise<string | null>;
}

/** Where a message goes in its clinic's search index: each word's postings set and the dictionary (scripts/lib/search-words.lua). */
export function messageEntry(clinicId: ClinicId, threadId: ThreadId, id: StreamId, text: string) {
  const words = messageWords(text);
  return { dictionary: keys.searchWords(clinicId), postings: words.map((word) => keys.searchPostings(clinicId, word)), member: `t:${threadId}:${id}`, words };
}

export function createSearchIndex(redis: RelayRedis, deps: SearchIndexDeps) {
  /** Removes entries [word, member] and words nothing has any more, in one script. */
  async function forget(clinicId: ClinicId, entries: [word: string, member: string][]): Promise<void> {
    if (entries.length === 0) return;
    await redis.searchForget(
      1 + entries.length,
      keys.searchWords(clinicId),
      ...entries.map(([word]) => keys.searchPostings(clinicId, word)),
      ...entries.flat(),
    );
  }

  /**
   * The newest entries that have a word beginning with every prefix: the prefixes' words
   * (one pipelined round trip), their sizes (another), then one script that walks the
   * smallest prefix's entries newest first and keeps those every other prefix has.
   */
  async function candidates(clinicId: ClinicId, prefixes: string[]): Promise<string[]> {
    const dictionary = keys.searchWords(clinicId);
    const groups = await Promise.all(
      prefixes.map(async (prefix) => {
        const words = await redis.zrangebylex(dictionary, `[${prefix}`, Buffer.concat([Buffer.from(`[${prefix}`), HIGH]), 'LIMIT', 0, MAX_EXPANSIONS);
        const postings = words.map((word) => keys.searchPostings(clinicId, word));
        const sizes = await Promise.all(postings.map((key) => redis.zcard(key)));
        return { postings, size: sizes.reduce((sum, size) => sum + size, 0) };
      }),
    );
    if (groups.some((group) => group.size === 0)) return [];
    groups.sort((a, b) => a.size - b.size);
    const [driving, ...others] = groups as [(typeof groups)[0], ...typeof groups];
    return redis.searchCandidates(
      groups.reduce((sum, group) => sum + group.postings.length, 0),
      ...groups.flatMap((group) => group.postings),
      driving.postings.length,
      MAX_CANDIDATES,
      ENOUGH_MATCHES,
      others.length,
      ...others.map((group) => group.postings.length),
    );
  }

  /** A candidate the viewer may see: its thread, or for a patient's field their newest thread the viewer may read. */
  async function visibleThread(viewer: Viewer, member: string): Promise<ThreadMeta | null> {
    const owner = member.slice(2, member.indexOf(':', 2));
    if (member.startsWith('t:')) {
      const thread = await deps.thread(owner as ThreadId);
      return thread && canRead(viewer, thread) ? thread : null;
    }
    const threads = (await Promise.all((await deps.patientThreads(owner as VisitorId)).map(deps.thread))).filter(
      (thread): thread is ThreadMeta => thread !== null && canRead(viewer, thread),
    );
    return threads.sort((a, b) => b.lastActivityAt - a.lastActivityAt)[0] ?? null;
  }

  /** What matched, for a candidate the viewer may see; null when the message was trimmed by retention since. */
  async function hitOf(thread: ThreadMeta, member: string): Promise<SearchHit | null> {
    const split = member.indexOf(':', 2);
    const rest = member.slice(split + 1);
    if (member.startsWith('t:')) {
      const [entry] = (await redis.xrange(keys.threadStream(thread.id), rest, rest)) as [string, string[]][];
      if (!entry) return null;
      const { text } = JSON.parse(entry[1][3] ?? '{}') as { text?: string };
      return { thread, field: 'message', messageId: rest as StreamId, text: text ?? '' };
    }
    const field = rest as PatientField;
    const text = await deps.patientField(member.slice(2, split) as VisitorId, field);
    return text ? { thread, field, messageId: null, text } : null;
  }

  return {
    /** Indexes what a patient told (visitor:identify), replacing the words of what they told before. */
    async indexPatient(clinicId: ClinicId, visitorId: VisitorId, fields: Partial<Record<PatientField, string>>): Promise<void> {
      const stored = keys.searchPatient(clinicId, visitorId);
      const now = Date.now();
      for (const field of PATIENT_FIELDS) {
        const value = fields[field];
        if (value === undefined) continue;
        const member = `v:${visitorId}:${field}`;
        const before = JSON.parse((await redis.hget(stored, field)) ?? '[]') as string[];
        const words = wordsOfField(field, value);
        await forget(
          clinicId,
          before.filter((word) => !words.includes(word)).map((word) => [word, member]),
        );
        const pipeline = redis.pipeline();
        for (const word of words) pipeline.zadd(keys.searchPostings(clinicId, word), now, member).zadd(keys.searchWords(clinicId), 0, word);
        pipeline.hset(stored, field, JSON.stringify(words));
        await pipeline.exec();
      }
    },

    /**
     * The erasure hook for a thread: takes every message of it out of the index. Call it
     * before the thread's stream is deleted — the words are read back from the messages.
     */
    async forgetThread(clinicId: ClinicId, threadId: ThreadId): Promise<void> {
      const stream = keys.threadStream(threadId);
      let start = '-';
      for (;;) {
        const page = (await redis.xrange(stream, start, '+', 'COUNT', FORGET_PAGE)) as [string, string[]][];
        const entries: [string, string][] = [];
        for (const [id, fields] of page) {
          if (!TEXT_KINDS.has(fields[1] ?? '')) continue;
          const { text } = JSON.parse(fields[3] ?? '{}') as { text?: string };
          for (const word of messageWords(text ?? '')) entries.push([word, `t:${threadId}:${id}`]);
        }
        await forget(clinicId, entries);
        if (page.length < FORGET_PAGE) return;
        start = `(${page.at(-1)![0]}`;
      }
    },

    /** The erasure hook for a patient: their name, e-mail and phone leave the index. */
    async forgetPatient(clinicId: ClinicId, visitorId: VisitorId): Promise<void> {
      const stored = await redis.hgetall(keys.searchPatient(clinicId, visitorId));
      const entries = PATIENT_FIELDS.flatMap((field) =>
        (JSON.parse(stored[field] ?? '[]') as string[]).map((word): [string, string] => [word, `v:${visitorId}:${field}`]),
      );
      await forget(clinicId, entries);
      await redis.del(keys.searchPatient(clinicId, visitorId));
    },

    /** The newest threads the viewer may read that match the query, one hit each, newest first. */
    async search(viewer: Viewer, query: string, limit: number): Promise<SearchHit[]> {
      const prefixes = queryPrefixes(query);
      if (prefixes.length === 0) return [];
      const found = await candidates(viewer.clinicId, prefixes);
      // One entry per owner (thread or patient), newest first, read in batches until enough are the viewer's.
      const owners = new Map<string, string>();
      for (const member of found) {
        const owner = member.slice(0, member.indexOf(':', 2));
        if (!owners.has(owner)) owners.set(owner, member);
      }
      const hits: SearchHit[] = [];
      const seen = new Set<ThreadId>();
      const members = [...owners.values()];
      // Batches grow (limit, 2×, 4×…): an owner's first batch is usually all they need, a doctor's takes a few.
      for (let at = 0, batch = limit; at < members.length && hits.length < limit; at += batch, batch *= 2) {
        const slice = members.slice(at, at + batch);
        const threads = await Promise.all(slice.map((member) => visibleThread(viewer, member)));
        const wanted: [ThreadMeta, string][] = [];
        slice.forEach((member, i) => {
          const thread = threads[i];
          if (thread && !seen.has(thread.id) && hits.length + wanted.length < limit) {
            seen.add(thread.id);
            wanted.push([thread, member]);
          }
        });
        for (const hit of await Promise.all(wanted.map(([thread, member]) => hitOf(thread, member)))) if (hit) hits.push(hit);
      }
      return hits;
    },
  };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;
