/**
 * The staff namespace's socket, typed by the protocol's event maps. Requests go through
 * `request` of the widget's client core (widget/client/client-core.ts), the same as the widget's.
 */
import { io, type Socket } from 'socket.io-client';
import type { StaffClientToServer, StaffServerToClient } from '../../protocol/events.ts';
import { NAMESPACES } from '../../protocol/constants.ts';
import { request } from '../../widget/client/client-core.ts';
import type { ClinicAdminRequests } from '../state/clinic-admin.ts';

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

/** The owner's staff and clinic requests over this socket. */
export function clinicAdminRequests(socket: StaffSocket): ClinicAdminRequests {
  return {
    listStaff: () => request(socket, 'staff:list', { all: true }),
    addStaff: (input) => request(socket, 'staff:add', input),
    updateStaff: (input) => request(socket, 'staff:update', input),
    resetPassword: (staffId) => request(socket, 'staff:reset-password', { staffId }),
    getClinic: () => request(socket, 'clinic:get', {}),
    updateClinic: (changes) => request(socket, 'clinic:update', changes),
    getQueue: () => request(socket, 'queue:get', {}),
    updateQueue: (changes) => request(socket, 'queue:update', changes),
  };
}
