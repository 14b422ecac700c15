/**
 * Deletes entries of a Redis stream whose fields mention any of `needles`, and the same
 * for a list. Shared streams the relay does not own keep copies of what passed through
 * them: the redis-streams adapter's stream (`socket.io`, every broadcast packet as JSON,
 * message text included, up to its MAXLEN) and BullMQ's event streams (job ids name the
 * thread). Erasure removes the patient's entries from them with XDEL; the rest stay.
 */
import type { RelayRedis } from '../store/redis-client.ts';

/** Entries read per XRANGE. */
const BATCH = 1_000;

export async function scrubStream(redis: RelayRedis, key: string, needles: readonly string[]): Promise<number> {
  if (needles.length === 0) return 0;
  let start = '-';
  let removed = 0;
  for (;;) {
    const entries = (await redis.xrange(key, start, '+', 'COUNT', BATCH)) as [string, string[]][];
    const doomed = entries.filter(([, fields]) => fields.some((value) => needles.some((needle) => value.includes(needle)))).map(([id]) => id);
    if (doomed.length > 0) removed += await redis.xdel(key, ...doomed);
    if (entries.length < BATCH) return removed;
    start = `(${entries.at(-1)![0]}`;
  }
}

export async function scrubList(redis: RelayRedis, key: string, needles: readonly string[]): Promise<void> {
  if (needles.length === 0) return;
  const values = await redis.lrange(key, 0, -1);
  const doomed = new Set(values.filter((value) => needles.some((needle) => value.includes(needle))));
  if (doomed.size === 0) return;
  const multi = redis.multi();
  for (const value of doomed) multi.lrem(key, 0, value);
  await multi.exec();
}
