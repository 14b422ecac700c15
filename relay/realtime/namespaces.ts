import type { Namespace, Server } from 'socket.io';
import type {
  StaffClientToServer, StaffServerToClient, VisitorClientToServer, VisitorServerToClient,
} from '../../protocol/events.ts';
import type { Visitor } from '../store/visitor-store.ts';
import type { Clinic } from '../store/clinic-store.ts';
import type { Staff } from '../store/staff-store.ts';
import type { StaffSession } from '../store/session-store.ts';

export interface VisitorSocketData {
  visitor: Visitor;
  clinic: Clinic;
  /** Set only for a first-time visitor: sent once in the `session` event. */
  newToken: string | null;
}

export interface StaffSocketData {
  staff: Staff;
  session: StaffSession;
}

export type VisitorNamespace = Namespace<VisitorClientToServer, VisitorServerToClient, Record<string, never>, VisitorSocketData>;
export type StaffNamespace = Namespace<StaffClientToServer, StaffServerToClient, Record<string, never>, StaffSocketData>;
export type RelayIo = Server;
