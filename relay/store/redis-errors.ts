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

/** The RelayError for an error from Redis, or null when the error did not come from Redis. */
export function fromRedisError(error: unknown): RelayError | null {
  if (error instanceof RelayError || !(error instanceof Error)) return null;
  if (error instanceof ReplyError) {
    return new RelayError('RELAY_ERR_STORE_REPLY', error.message.split(' ', 1)[0]!.replace(/[^A-Z_-]/g, ''));
  }
  const code = (error as { code?: unknown }).code;
  if (error.name === 'MaxRetriesPerRequestError' || CONNECTION_CLOSED.test(error.message) || (typeof code === 'string' && UNREACHABLE_CODES.has(code))) {
    return new RelayError('RELAY_ERR_STORE_UNAVAILABLE');
  }
  return null;
}
