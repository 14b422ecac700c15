/**
 * The one place that recognises what ioredis throws. A reply error becomes a
 * RelayError with only Redis's first word (OOM, READONLY, WRONGTYPE…): ioredis attaches
 * the failed command and its arguments to the error, and for an append those hold the
 * patient's text, so the original is never kept as a cause.
 */
import { ReplyError } from 'ioredis';
import { RelayError } from '../errors.ts';

/** ioredis rejects queued commands with plain Errors of this text when a connection ends. */
const CONNECTION_CLOSED = /^Connection is closed\.?$/;
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
/** A Cluster client with no node to ask or lost in redirections (ioredis's texts), or a cluster mid-failover (Redis's reply codes): retry later. */
const CLUSTER_UNREACHABLE =
  /^(None of startup nodes is available|Failed to refresh slots cache\.?|Too many Cluster redirections\..*|Cluster isn't ready and enableOfflineQueue options is false)$/;
const CLUSTER_FAILING_OVER = new Set(['CLUSTERDOWN', 'TRYAGAIN']);

/** A reply error from Redis (ioredis types its class as `any`), or null. */
function asReplyError(error: unknown): Error | null {
  return error instanceof (ReplyError as ErrorConstructor) ? error : null;
}

/**
 * The error code a Lua script refused with, or null. Redis takes an error's first word
 * as its code, and 7.0 prefixes `ERR` to a reply of one word, so scripts refuse with a
 * code and a reason: `redis.error_reply('NOTHREAD no such thread')` → `NOTHREAD`.
 */
export function scriptRefusal(error: unknown): string | null {
  return asReplyError(error)?.message.split(' ', 1)[0] ?? null;
}

/** The RelayError for an error from Redis, or null when the error did not come from Redis. */
export function fromRedisError(error: unknown): RelayError | null {
  if (error instanceof RelayError || !(error instanceof Error)) return null;
  const reply = asReplyError(error);
  if (reply) {
    const word = reply.message.split(' ', 1)[0]!.replace(/[^A-Z_-]/g, '');
    return CLUSTER_FAILING_OVER.has(word) ? new RelayError('RELAY_ERR_STORE_UNAVAILABLE') : new RelayError('RELAY_ERR_STORE_REPLY', word);
  }
  const code = (error as { code?: unknown }).code;
  if (
    error.name === 'MaxRetriesPerRequestError' ||
    CONNECTION_CLOSED.test(error.message) ||
    CLUSTER_UNREACHABLE.test(error.message) ||
    (typeof code === 'string' && UNREACHABLE_CODES.has(code))
  ) {
    return new RelayError('RELAY_ERR_STORE_UNAVAILABLE');
  }
  return null;
}
