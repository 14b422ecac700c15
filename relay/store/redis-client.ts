import { readFileSync } from 'node:fs';
import { Redis, type RedisOptions } from 'ioredis';

const script = (name: string) => readFileSync(new URL(`./scripts/${name}.lua`, import.meta.url), 'utf8');

/** The relay's Redis connection, with its Lua scripts registered as commands. */
export interface RelayRedis extends Redis {
  appendMessage(
    meta: string, stream: string, dedup: string,
    dedupKey: string, kind: string, json: string, maxLen: number, preview: string,
  ): Promise<[id: string, duplicate: number, statusBefore: string, statusAfter: string, previousId: string, meta: string[]]>;
  markRead(meta: string, stream: string, side: string, upTo: string): Promise<[string, number]>;
  /** `keyCount`, then the views a thread belongs to and those it left, then score, id, how many it belongs to. */
  indexThread(keyCount: number, ...keysThenArgs: (string | number)[]): Promise<number>;
}

export function connectRedis(url: string, options: RedisOptions = {}): RelayRedis {
  const redis = new Redis(url, {
    // Commands wait in the offline queue while Redis restarts; acks are sent only
    // after Redis answers, so a client's outbox covers what never reaches it.
    maxRetriesPerRequest: 3,
    enableAutoPipelining: true,
    ...options,
  });
  redis.defineCommand('appendMessage', { numberOfKeys: 3, lua: script('append-message') });
  redis.defineCommand('markRead', { numberOfKeys: 2, lua: script('mark-read') });
  redis.defineCommand('indexThread', { lua: script('index-thread') });
  return redis as RelayRedis;
}
