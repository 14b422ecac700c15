import { protocolError, type ErrorCode } from '../../protocol/errors.ts';

/**
 * A refused Socket.IO handshake: the client's `connect_error` has the code as its
 * message and `{ code, message, data? }` as its data.
 */
export function handshakeError(code: ErrorCode, data?: Record<string, unknown>): Error & { data: ReturnType<typeof protocolError> } {
  return Object.assign(new Error(code), { data: protocolError(code, data) });
}
