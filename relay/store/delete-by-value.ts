/**
 * Deletes the string keys under some prefixes whose value mentions a needle, found with
 * one SCAN of the keyspace: for records no index leads to, such as a visitor's tokens
 * (`visitor-token:<hash>` → visitor id) and resume codes. A SCAN is slow on a large Redis;
 * it serves rare actions (ending a patient's sessions, erasing a patient, a patient's
 * "Forget this device", which the per-sender event limit bounds), never a hot path.
 * One GET and DEL per key (autopipelined), not MGET: on a cluster a batch spans slots.
 */
import type { RelayRedis } from './redis-client.ts';
import { scanKeys } from './scan-keys.ts';

/** Keys read per SCAN step. */
const SCAN_COUNT = 1_000;

export async function deleteByValue(redis: RelayRedis, prefixes: readonly string[], needle: string): Promise<number> {
  let deleted = 0;
  for await (const batch of scanKeys(redis, { count: SCAN_COUNT })) {
    const candidates = batch.filter((key) => prefixes.some((prefix) => key.startsWith(prefix)));
    const values = await Promise.all(candidates.map((key) => redis.get(key)));
    const doomed = candidates.filter((_, i) => values[i]?.includes(needle));
    const counts = await Promise.all(doomed.map((key) => redis.del(key)));
    deleted += counts.reduce((sum, count) => sum + count, 0);
  }
  return deleted;
}
