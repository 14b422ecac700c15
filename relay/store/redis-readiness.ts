/**
 * Whether the relay's Redis can serve any key now, for `/readyz`: one Redis answers PING;
 * on a cluster every slot has a master in ioredis's slot map and every such master answers
 * PING (a thread whose slot is on a master that does not answer cannot be served, however
 * many others do). Bounded by a timeout, so a master that accepts connections but stalls
 * (stopped, swapping) gives an answer instead of a probe that never returns. Also asked
 * by a closing BullMQ worker (durable-queue.ts) whether a graceful close can finish.
 */
import type { Cluster, Redis } from 'ioredis';
import { isCluster, type RelayRedis } from './redis-client.ts';

/** Redis Cluster's fixed number of hash slots. */
const CLUSTER_SLOTS = 16_384;

export type Readiness = { ready: true } | { ready: false; reason: 'timeout' | 'unreachable' | 'slots-uncovered' };

/** ioredis's key for a node: how its slot map names the node. */
const nodeKey = (node: Redis) => `${node.options.host ?? '127.0.0.1'}:${node.options.port ?? 6379}`;

/** The masters holding every slot, or null when some slot has none (a cluster not yet read, or one that lost a master's slots). */
function slotMasters(cluster: Cluster): Set<string> | null {
  const masters = new Set<string>();
  for (let slot = 0; slot < CLUSTER_SLOTS; slot += 1) {
    const master = cluster.slots[slot]?.[0];
    if (!master) return null;
    masters.add(master);
  }
  return masters;
}

/** The servers that must answer, or why they cannot all. */
function serversToPing(redis: RelayRedis | Redis | Cluster): Redis[] | Readiness {
  if (!isCluster(redis)) return [redis as Redis];
  const cluster = redis as unknown as Cluster;
  const masters = slotMasters(cluster);
  if (!masters) return { ready: false, reason: 'slots-uncovered' };
  // ioredis drops a node whose connection ended (a master killed): it is then not in the pool.
  const connected = new Map(cluster.nodes('master').map((node) => [nodeKey(node), node]));
  const servers = [...masters].map((key) => connected.get(key));
  return servers.every((server) => server !== undefined) ? servers : { ready: false, reason: 'unreachable' };
}

export async function redisReadiness(redis: RelayRedis | Redis | Cluster, timeoutMs: number): Promise<Readiness> {
  const servers = serversToPing(redis);
  if (!Array.isArray(servers)) return servers;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, reason: 'timeout' }), timeoutMs);
  });
  const answered = Promise.all(servers.map((server) => server.ping())).then(
    (): Readiness => ({ ready: true }),
    (): Readiness => ({ ready: false, reason: 'unreachable' }),
  );
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}
