/**
 * One watcher for every Redis connection of a relay (the stores', the streams adapter's,
 * BullMQ's queues and workers), so an outage is one log line and its end another, not a
 * line per client per retry. ioredis prints `[ioredis] Unhandled error event` to stderr,
 * outside the JSON log, for a client without an error listener; every client gets one here.
 *
 * An outage starts with the first connection error of a watched client and ends when every
 * client that failed is `ready` again. BullMQ reports errors of its own duplicated
 * connections as `error` events on the Queue or Worker, which have no `ready`: those are
 * folded into an outage in progress, and outside one are logged at most once per
 * EMITTER_LOG_INTERVAL_MS per source. A Redis Cluster client reports one node's errors as
 * `node error` while the others serve their slots: not an outage of the whole store (its
 * `error` and `ready` are), so logged the same way, at most once per interval.
 */
import type { EventEmitter } from 'node:events';
import type { Logger } from 'pino';

/** An error event outside an outage (e.g. BullMQ's own connection) is logged at most this often per source. */
const EMITTER_LOG_INTERVAL_MS = 60_000;

interface WatchedClient {
  on(event: 'error' | 'node error', listener: (error: Error) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
}

export interface RedisOutage {
  /** Adds the error listener and the recovery watch to an ioredis client. */
  client(client: WatchedClient, source: string): void;
  /** Adds an error listener to something that forwards a connection's errors (BullMQ's Queue and Worker). */
  emitter(emitter: Pick<EventEmitter, 'on'>, source: string): void;
  /** True while an outage is in progress. */
  readonly down: boolean;
}

/** The error's class and system code (ECONNREFUSED…): never its message, which may quote a command. */
function errorFields(error: Error): { type: string; errno?: string } {
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code) ? { type: error.name, errno: code } : { type: error.name };
}

export function createRedisOutage(log: Logger): RedisOutage {
  const failing = new Set<string>();
  let since = 0;
  const lastEmitterLog = new Map<string, number>();

  function fail(source: string, error: Error): void {
    if (failing.size === 0) {
      since = Date.now();
      log.error({ code: 'RELAY_ERR_STORE_UNAVAILABLE', source, ...errorFields(error) }, 'redis is unreachable; retrying');
    }
    failing.add(source);
  }

  /** Outside an outage, at most one line per source per interval. */
  function note(source: string, error: Error, message: string): void {
    if (failing.size > 0) return;
    const now = Date.now();
    if (now - (lastEmitterLog.get(source) ?? -Infinity) < EMITTER_LOG_INTERVAL_MS) return;
    lastEmitterLog.set(source, now);
    log.error({ code: 'RELAY_ERR_STORE_UNAVAILABLE', source, ...errorFields(error) }, message);
  }

  return {
    client(client, source) {
      client.on('error', (error) => fail(source, error));
      if ((client as { isCluster?: boolean }).isCluster)
        client.on('node error', (error) => note(`${source}-node`, error, 'a redis cluster node is unreachable'));
      client.on('ready', () => {
        if (!failing.delete(source) || failing.size > 0) return;
        log.info({ outageMs: Date.now() - since }, 'redis is reachable again');
      });
    },
    emitter(emitter, source) {
      emitter.on('error', (error: Error) => note(source, error, 'redis error'));
    },
    get down() {
      return failing.size > 0;
    },
  };
}
