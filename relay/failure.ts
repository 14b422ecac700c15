/**
 * The one rule for a failure thrown below an event handler, a handshake or an HTTP route: what the
 * client sees, and whether it is logged. Only INTERNAL-class failures are logged, with
 * their `RELAY_ERR_*` code; an error from Redis is first reduced by `fromRedisError`, so
 * the failed command's arguments (a message's text) never reach a log line.
 */
import type { ProtocolError } from '../protocol/errors.ts';
import { RELAY_ERRORS, RelayError, toProtocolError, type RelayErrorCode } from './errors.ts';
import { fromRedisError } from './store/redis-errors.ts';

/** Pino's and Fastify's loggers both fit. */
interface ErrorLog {
  error(fields: object, message: string): void;
}

export function reportFailure(error: unknown, log: ErrorLog, where: { code: RelayErrorCode; event?: string }): ProtocolError {
  const known = fromRedisError(error) ?? error;
  const answer = toProtocolError(known);
  if (answer.code === 'INTERNAL') {
    const code = known instanceof RelayError ? known.code : where.code;
    log.error({ code, ...(where.event === undefined ? {} : { event: where.event }), err: known }, RELAY_ERRORS[where.code].message);
  }
  return answer;
}
