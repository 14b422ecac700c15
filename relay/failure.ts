/**
 * What a thrown error becomes at an edge (socket ack or HTTP body), in one place: the
 * protocol error the client sees, and the internal code to log it under — null when the
 * client caused it and there is nothing for an operator to look at.
 */
import type { ProtocolError } from '../protocol/errors.ts';
import { ClientError, RELAY_ERRORS, RelayError, toProtocolError, type RelayErrorCode } from './errors.ts';
import { fromRedisError } from './store/redis-errors.ts';

export interface Failure {
  body: ProtocolError;
  logCode: RelayErrorCode | null;
}

/** `unexpected` names the edge, for errors no code was given to (a bug). */
export function describeFailure(error: unknown, unexpected: RelayErrorCode): Failure {
  if (error instanceof ClientError) return { body: error.toProtocol(), logCode: null };
  const known = error instanceof RelayError ? error : fromRedisError(error);
  if (!known) return { body: toProtocolError(error), logCode: unexpected };
  // Refusals a client caused (closed thread, taken e-mail) are answers, not incidents.
  const incident = RELAY_ERRORS[known.code].client === 'INTERNAL' || RELAY_ERRORS[known.code].client === 'UNAVAILABLE';
  return { body: toProtocolError(known), logCode: incident ? known.code : null };
}
