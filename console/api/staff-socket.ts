/**
 * The staff namespace's socket, typed by the protocol's event maps, and `request`, which
 * turns an acknowledged emit into a promise of its `ok` value or a ConsoleError.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../protocol/errors.ts';
import type { StaffClientToServer, StaffEvent, StaffResults, StaffServerToClient } from '../../protocol/events.ts';
import { ConsoleError } from './console-error.ts';
import { NAMESPACES } from '../../protocol/constants.ts';

export type StaffSocket = Socket<StaffServerToClient, StaffClientToServer>;
export type StaffPayload<E extends StaffEvent> = Parameters<StaffClientToServer[E]>[0];

/** How long a request may wait for its ack before it counts as lost. */
export const REQUEST_TIMEOUT_MS = 10_000;

const RECONNECT = {
  /** First retry soon: most drops are a relay restart or a brief network loss. */
  reconnectionDelay: 500,
  /** Never wait longer than this between attempts, so a console comes back promptly. */
  reconnectionDelayMax: 4_000,
} as const;

export function createStaffSocket(): StaffSocket {
  return io(NAMESPACES.staff, {
    withCredentials: true,
    transports: ['websocket', 'polling'],
    autoConnect: false,
    ...RECONNECT,
  });
}

type LooseEmit = (event: string, payload: unknown, ack: (err: Error | null, result: unknown) => void) => void;

/**
 * Sends a request and resolves with the ack's `ok`. Refuses at once while disconnected
 * rather than letting Socket.IO buffer it: after a reconnect the console resyncs anyway,
 * and a stale buffered request would only repeat work.
 */
export function request<E extends StaffEvent>(
  socket: StaffSocket,
  event: E,
  payload: StaffPayload<E>,
  timeoutMs: number = REQUEST_TIMEOUT_MS,
): Promise<StaffResults[E]> {
  if (!socket.connected) return Promise.reject(new ConsoleError('OFFLINE', `Not connected; ${event} not sent.`));
  return new Promise((resolve, reject) => {
    const timed = socket.timeout(timeoutMs) as unknown as { emit: LooseEmit };
    timed.emit(event, payload, (err, result) => {
      if (err) {
        reject(new ConsoleError('TIMEOUT', `No answer to ${event} within ${timeoutMs} ms.`, { cause: err }));
        return;
      }
      const ack = result as Ack<StaffResults[E]>;
      if (ack.error) reject(ConsoleError.fromProtocol(ack.error));
      else resolve(ack.ok as StaffResults[E]);
    });
  });
}
