import type { ProtocolError } from '../../protocol/errors.ts';
import { toProtocolError as fromThrown } from '../errors.ts';
import { fromRedisError } from '../store/redis-errors.ts';

/** Turns an error thrown below a handler into what the client may see; the rest is INTERNAL. */
export function toProtocolError(error: unknown): ProtocolError {
  return fromThrown(fromRedisError(error) ?? error);
}
