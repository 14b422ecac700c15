/**
 * What Redis holds, key by key, as a digest of each value: compare two snapshots with
 * `assert.deepEqual` to prove a refusal stored nothing, and see which key changed if it
 * did. Needs a Redis that allows DEBUG (the test Redis does).
 */
import type { Redis } from 'ioredis';

/** The sender rate limiters' counters: every event counts, a refused one too, and a counter is not stored data. */
export const SENDER_COUNTERS = ['sender-events:', 'sender-messages:'] as const;

/** Keys whose prefix is listed in `ignore` (e.g. a rate limiter's counters) are left out. */
export async function storeSnapshot(redis: Redis, ignore: readonly string[] = []): Promise<Record<string, string>> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch.filter((key) => !ignore.some((prefix) => key.startsWith(prefix))));
  } while (cursor !== '0');
  keys.sort();
  const digests = await Promise.all(keys.map((key) => redis.call('DEBUG', 'DIGEST-VALUE', key) as Promise<string[]>));
  return Object.fromEntries(keys.map((key, i) => [key, String(digests[i])]));
}
