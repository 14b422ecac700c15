/**
 * The staff namespace's socket, typed by the protocol's event maps. Requests go through
 * `request` of the widget's client core (widget/client/client-core.ts), the same as the widget's.
 */
import { io, type Socket } from 'socket.io-client';
import type { StaffClientToServer, StaffServerToClient } from '../../protocol/events.ts';
import { NAMESPACES } from '../../protocol/constants.ts';

export type StaffSocket = Socket<StaffServerToClient, StaffClientToServer>;

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
