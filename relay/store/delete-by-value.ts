/**
 * Deletes the string keys under some prefixes whose value mentions a needle, found with
 * one SCAN of the keyspace: for records no index leads to, such as a visitor's tokens
 * (`visitor-token:<hash>` → visitor id) and resume codes. A SCAN is slow on a large Redis;
 * it serves rare actions (ending a patient's sessions, erasing a patient, a patient's
 * "Forget this device", which the per-sender event limit bounds), never a hot path.
 */
import type { RelayRedis } from './redis-client.ts';

/** Keys read per SCAN step. */
const SCAN_COUNT = 1_000;

export async function deleteByValue(redis: RelayRedis, prefixes: readonly string[], needle: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', SCAN_COUNT);
    cursor = next;
    const candidates = batch.filter((key) => prefixes.some((prefix) => key.startsWith(prefix)));
    if (candidates.length === 0) continue;
    const values = await redis.mget(...candidates);
    const doomed = candidates.filter((_, i) => values[i]?.includes(needle));
    if (doomed.length > 0) deleted += await redis.del(...doomed);
  } while (cursor !== '0');
  return deleted;
}
