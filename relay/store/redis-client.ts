import { readFileSync } from 'node:fs';
import { Redis, type RedisOptions } from 'ioredis';

const read = (path: string) => readFileSync(new URL(`./scripts/${path}.lua`, import.meta.url), 'utf8');
/** Scripts that write a thread's stream share one Lua function for it; Redis has no includes. */
const withAppendEntry = (name: string) => `${read('lib/append-entry')}\n${read(name)}`;

/** The relay's Redis connection, with its Lua scripts registered as commands. */
export interface RelayRedis extends Redis {
  appendMessage(
    meta: string,
    stream: string,
    dedup: string,
    dedupKey: string,
    kind: string,
    json: string,
    maxLen: number,
    preview: string,
    previewBy: string,
  ): Promise<[id: string, duplicate: number, statusBefore: string, statusAfter: string, previousId: string, meta: string[]]>;
  changeThread(
    meta: string,
    stream: string,
    dedup: string,
    dedupKey: string,
    field: string,
    value: string,
    systemJson: string,
    maxLen: number,
    onlyIfEmpty?: '1',
  ): Promise<[id: string, duplicate: number, changed: number, status: string, assignee: string, complaint: string, meta: string[]]>;
  markRead(meta: string, stream: string, side: string, upTo: string): Promise<[string, number]>;
  /** `keyCount`, the membership hash, the sets a thread belongs to and those it left, then the script's arguments. */
  indexThread(keyCount: number, ...keysThenArgs: (string | number)[]): Promise<number>;
  /** `keyCount`, the word dictionary, one postings set per entry, then word and member per entry. */
  searchForget(keyCount: number, ...keysThenArgs: string[]): Promise<number>;
  /** `keyCount`, the postings sets (driving prefix first), then the script's arguments. */
  searchCandidates(keyCount: number, ...keysThenArgs: (string | number)[]): Promise<string[]>;
}

export function connectRedis(url: string, options: RedisOptions = {}): RelayRedis {
  const redis = new Redis(url, {
    // Commands wait in the offline queue while Redis restarts; acks are sent only
    // after Redis answers, so a client's outbox covers what never reaches it.
    maxRetriesPerRequest: 3,
    enableAutoPipelining: true,
    ...options,
  });
  redis.defineCommand('appendMessage', { numberOfKeys: 3, lua: withAppendEntry('append-message') });
  redis.defineCommand('changeThread', { numberOfKeys: 3, lua: withAppendEntry('change-thread') });
  redis.defineCommand('markRead', { numberOfKeys: 2, lua: read('mark-read') });
  redis.defineCommand('indexThread', { lua: read('index-thread') });
  redis.defineCommand('searchForget', { lua: read('search-forget') });
  redis.defineCommand('searchCandidates', { lua: read('search-candidates') });
  return redis as RelayRedis;
}
