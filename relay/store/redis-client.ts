import { readFileSync } from 'node:fs';
import { Cluster, Redis, type ClusterOptions, type RedisCommander, type RedisOptions } from 'ioredis';

const read = (path: string) => readFileSync(new URL(`./scripts/${path}.lua`, import.meta.url), 'utf8');
/**
 * A script with the shared Lua functions it uses prepended (Redis has no includes):
 * `append-entry` for the scripts that write a thread's stream, `stream-order` for those
 * that compare stream ids, `inbox-entry` and `search-words` for those that index.
 */
const withLibs = (name: string, ...libs: ('append-entry' | 'stream-order' | 'inbox-entry' | 'search-words')[]) =>
  [...libs.map((lib) => read(`lib/${lib}`)), read(name)].join('\n');

/** The relay's Lua scripts, registered as commands on a connection. */
export interface RelayScripts {
  appendMessage(
    meta: string,
    stream: string,
    dedup: string,
    alerts: string,
    attachmentState: string,
    dedupKey: string,
    kind: string,
    json: string,
    maxLen: number,
    preview: string,
    previewBy: string,
    compact: '1' | '0',
    attachmentOwner: string,
    attachmentMark: string,
    writerVisitor: string,
    writerClinic: string,
    ...attachmentIds: string[]
  ): Promise<[id: string, duplicate: number, statusBefore: string, statusAfter: string, previousId: string, alertsDue: number, state: (string | number)[]]>;
  supersedeThread(meta: string): Promise<number>;
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
  /** Answers, per message, what its inbox step did (scripts/index-posts.lua). */
  indexPosts(keyCount: number, ...keysThenArgs: (string | number)[]): Promise<number[]>;
  /** Stream, refs, ref-of; action, staff, visitor, thread and a fresh pseudonym for each of the two. */
  recordAccess(
    stream: string,
    refs: string,
    refOf: string,
    action: string,
    staff: string,
    visitor: string,
    thread: string,
    visitorRef: string,
    threadRef: string,
  ): Promise<string>;
  /** `keyCount`, the word dictionary, one postings set per entry, then word and member per entry. */
  searchForget(keyCount: number, ...keysThenArgs: string[]): Promise<number>;
  /** `keyCount`, the word dictionary, one postings set per word, then score, member and the words. */
  /** `keyCount`, the postings sets (driving prefix first), then the script's arguments. */
  searchCandidates(keyCount: number, ...keysThenArgs: (string | number)[]): Promise<string[]>;
}

/** The relay's Redis connection, with its Lua scripts registered as commands. */
export interface RelayRedis extends Redis, RelayScripts {}

/** A Redis Cluster connection with the same scripts (see README, "Redis Cluster"). */
export interface RelayRedisCluster extends Cluster, RelayScripts {}

/**
 * What the thread-keyed stores need: the commands and the scripts, on one Redis or a
 * Cluster. Every multi-key command and script they run names keys of one hash tag.
 */
export type RelayCommands = RedisCommander & RelayScripts;

/** The stores' connection's name (CLIENT LIST shows it): an operator, or a test pausing Redis for one script, can tell its calls from the queues' and the budgets'. */
export const STORE_CONNECTION_NAME = 'clinic-chat-store';

export function connectRedis(url: string, options: RedisOptions = {}): RelayRedis {
  const redis = new Redis(url, {
    // Commands wait in the offline queue while Redis restarts; acks are sent only
    // after Redis answers, so a client's outbox covers what never reaches it.
    maxRetriesPerRequest: 3,
    enableAutoPipelining: true,
    ...options,
  });
  return defineScripts(redis) as RelayRedis;
}

/** Before following a MOVED reply on a cluster. */
const MOVED_RETRY_DELAY_MS = 100;

/**
 * `nodes`: a few of the cluster's nodes (`host:port`); ioredis discovers the rest and follows
 * its slot map. No autopipelining: ioredis batches a node's commands of several slots in one
 * pipeline, and when a failover moves a slot it hands the batch's MOVED replies to the callers
 * instead of following them (redis/ioredis#2075; test/redis-cluster-failover.test.ts).
 */
export function connectRedisCluster(nodes: readonly string[], options: ClusterOptions = {}): RelayRedisCluster {
  const cluster = new Cluster(
    nodes.map((node) => {
      const [host, port] = node.split(':');
      return { host: host!, port: Number(port) };
    }),
    // A MOVED while a failover settles can point at a node that does not know yet: wait a
    // little before following it (16 redirections, so up to ~1.6 s) instead of ping-ponging.
    { enableAutoPipelining: false, retryDelayOnMoved: MOVED_RETRY_DELAY_MS, ...options, redisOptions: { maxRetriesPerRequest: 3, ...options.redisOptions } },
  );
  return defineScripts(cluster) as RelayRedisCluster;
}

/** A Redis Cluster's seed nodes and the credentials every node shares (REDIS_CLUSTER_NODES, relay/config.ts). */
export interface RedisClusterTarget {
  /** `host:port` of a few masters; ioredis discovers the rest. */
  nodes: readonly string[];
  username?: string;
  password?: string;
  tls: boolean;
}

/** Where the relay's Redis is: one server's URL (REDIS_URL, Sentinel-free), or a cluster. */
export type RedisTarget = string | RedisClusterTarget;

/**
 * Every Redis client of a relay (stores, sender budgets, BullMQ's queues and workers, the
 * streams adapter) is made here, so REDIS_CLUSTER_NODES makes them all `Cluster`s. A
 * Cluster is typed as `RelayRedis`: the relay uses only the commands both share, and every
 * multi-key command, MULTI and script it runs names keys of one hash tag (store/README.md).
 * Two differ and are never called on it directly: SCAN (one node: use store/scan-keys.ts)
 * and `duplicate` (call this again instead).
 */
export function connectTo(target: RedisTarget, options: RedisOptions = {}): RelayRedis {
  if (typeof target === 'string') return connectRedis(target, options);
  const redisOptions = { maxRetriesPerRequest: 3, ...clusterCredentials(target), ...options };
  // A Cluster's own offline queue (while no node answers: start-up, a whole-cluster outage)
  // has no retry limit, so a command there would wait forever. A client with a limit fails
  // at once instead (UNAVAILABLE, as one Redis's does after its retries); one without (the
  // streams adapter, which leaves some promises unhandled) waits, as on one Redis.
  return connectRedisCluster(target.nodes, { enableOfflineQueue: redisOptions.maxRetriesPerRequest === null, redisOptions }) as unknown as RelayRedis;
}

const clusterCredentials = (target: RedisClusterTarget): RedisOptions => ({
  ...(target.username ? { username: target.username } : {}),
  ...(target.password ? { password: target.password } : {}),
  ...(target.tls ? { tls: {} } : {}),
});

/**
 * A client without the relay's scripts or autopipelining, for BullMQ (its queues and
 * workers, whose blocking reads must not hold up batched commands): one Redis or a Cluster.
 */
export function connectBare(target: RedisTarget, options: RedisOptions = {}): Redis | Cluster {
  if (typeof target === 'string') return new Redis(target, options);
  return new Cluster(
    target.nodes.map((node) => {
      const [host, port] = node.split(':');
      return { host: host!, port: Number(port) };
    }),
    // As in connectTo: a queue's client with a retry limit is refused while no node answers.
    { enableOfflineQueue: options.maxRetriesPerRequest === null, redisOptions: { ...clusterCredentials(target), ...options } },
  );
}

/** True for a client made by connectTo on a cluster. */
export const isCluster = (redis: RelayRedis | Redis | Cluster): boolean => (redis as { isCluster?: boolean }).isCluster === true;

function defineScripts(redis: Redis | Cluster): Redis | Cluster {
  redis.defineCommand('appendMessage', { numberOfKeys: 5, lua: withLibs('append-message', 'append-entry', 'stream-order') });
  redis.defineCommand('changeThread', { numberOfKeys: 3, lua: withLibs('change-thread', 'append-entry') });
  redis.defineCommand('markRead', { numberOfKeys: 2, lua: withLibs('mark-read', 'stream-order') });
  redis.defineCommand('supersedeThread', { numberOfKeys: 1, lua: read('supersede-thread') });
  redis.defineCommand('indexThread', { lua: withLibs('index-thread', 'inbox-entry') });
  redis.defineCommand('indexPosts', { lua: withLibs('index-posts', 'inbox-entry', 'search-words') });
  redis.defineCommand('recordAccess', { numberOfKeys: 3, lua: read('record-access') });
  redis.defineCommand('searchForget', { lua: read('search-forget') });
  redis.defineCommand('searchCandidates', { lua: read('search-candidates') });
  return redis;
}
