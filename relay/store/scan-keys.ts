/**
 * SCAN over the whole keyspace: one server's, or every master's of a cluster (a Cluster
 * client sends a keyless SCAN to one node, which would see a third of the keys). Batches
 * come from one node but may span slots: act on their keys one command each (autopipelined),
 * never with one multi-key command.
 */
import type { Cluster, Redis } from 'ioredis';
import { isCluster, type RelayRedis } from './redis-client.ts';

/** The servers holding the keyspace: the one Redis, or every master of a cluster (for SCAN and server-wide commands such as BGREWRITEAOF). */
export const keyspaceServers = (redis: RelayRedis | Redis): Redis[] => (isCluster(redis) ? (redis as unknown as Cluster).nodes('master') : [redis]);

export async function* scanKeys(redis: RelayRedis | Redis, options: { match?: string; count: number }): AsyncGenerator<string[]> {
  const match = options.match ? ['MATCH', options.match] : [];
  for (const server of keyspaceServers(redis)) {
    let cursor = '0';
    do {
      const [next, batch] = (await server.call('SCAN', cursor, ...match, 'COUNT', options.count)) as [string, string[]];
      cursor = next;
      if (batch.length > 0) yield batch;
    } while (cursor !== '0');
  }
}
