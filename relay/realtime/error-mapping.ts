import { protocolError, type ProtocolError } from '../../protocol/errors.ts';
import { ThreadStoreError } from '../store/thread-store.ts';

/** Turns an error thrown below a handler into what the client may see; the rest is INTERNAL. */
export function toProtocolError(error: unknown): ProtocolError {
  if (error instanceof ThreadStoreError) {
    return protocolError(error.code === 'RELAY_ERR_THREAD_CLOSED' ? 'THREAD_CLOSED' : 'NOT_FOUND');
  }
  if (error instanceof Error && (error.name === 'MaxRetriesPerRequestError' || /Connection is closed|ECONNREFUSED/.test(error.message))) {
    return protocolError('UNAVAILABLE');
  }
  return protocolError('INTERNAL');
}
