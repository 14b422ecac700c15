/**
 * Every key in Redis with its value, as text, and the check erasure tests make on it:
 * that nothing naming a patient is left. One Redis or every master of a cluster.
 */
import assert from 'node:assert/strict';
import type { Redis } from 'ioredis';
import type { RelayRedis } from '../store/redis-client.ts';
import { scanKeys } from '../store/scan-keys.ts';

async function valueOf(redis: RelayRedis | Redis, key: string): Promise<unknown> {
  switch (await redis.type(key)) {
    case 'string':
      return redis.get(key);
    case 'hash':
      return redis.hgetall(key);
    case 'list':
      return redis.lrange(key, 0, -1);
    case 'set':
      return redis.smembers(key);
    case 'zset':
      return redis.zrange(key, 0, -1);
    case 'stream':
      return redis.xrange(key, '-', '+');
    default:
      return null;
  }
}

/** One line per key: the key and its value as JSON. */
export async function everythingInRedis(redis: RelayRedis | Redis): Promise<string> {
  const parts: string[] = [];
  for await (const batch of scanKeys(redis, { count: 1000 })) {
    for (const key of batch) parts.push(`${key} ${JSON.stringify(await valueOf(redis, key))}`);
  }
  return parts.join('\n');
}

/** Fails naming the first needle `text` still holds, with the lines that hold it. */
export function assertNoneLeft(text: string, needles: readonly string[]): void {
  for (const needle of needles) {
    const lines = text.split('\n').filter((line) => line.includes(needle));
    assert.equal(lines.length, 0, `${needle} is still in Redis:\n${lines.join('\n').slice(0, 600)}`);
  }
}
