import type { Namespace, Server } from 'socket.io';
import type { StaffClientToServer, StaffServerToClient, VisitorClientToServer, VisitorServerToClient } from '../../protocol/events.ts';
import type { DoctorCard, StaffRef } from '../../protocol/model.ts';
import type { Viewer } from '../access/visibility.ts';
import type { Visitor } from '../store/visitor-store.ts';
import type { Clinic } from '../store/clinic-store.ts';
import type { Staff } from '../store/staff-store.ts';
import type { StaffSession } from '../store/session-store.ts';
import type { RelayServices } from './relay-services.ts';
import type { PatientSession } from './handlers/first-screen.ts';
import type { WrittenThreads } from './thread-access.ts';

export interface VisitorSocketData {
  visitor: Visitor;
  clinic: Clinic;
  /** Set for a first-time visitor, or a rotated token: sent once in the `session` event. */
  newToken: string | null;
}

export interface StaffSocketData {
  staff: Staff;
  session: StaffSession;
}

export type VisitorNamespace = Namespace<VisitorClientToServer, VisitorServerToClient, Record<string, never>, VisitorSocketData>;
export type StaffNamespace = Namespace<StaffClientToServer, StaffServerToClient, Record<string, never>, StaffSocketData>;
export type RelayIo = Server;

/** What a visitor event handler knows about its caller. */
export interface VisitorContext {
  services: RelayServices;
  clinic: Clinic;
  visitor: Visitor;
  socketId: string;
  /** The clinic's doctors who accept chats (cached for a few seconds across the namespace). */
  doctors(): Promise<DoctorCard[]>;
  /** This socket's consent and away-message memory (issue 13 §3, handlers/first-screen.ts). */
  patient: PatientSession;
  /** The threads this socket wrote to (thread-access.ts). */
  written: WrittenThreads;
}

/** What a staff event handler knows about its caller. */
export interface StaffContext {
  services: RelayServices;
  /** To reach a colleague's sockets when the owner changes their access. */
  ns: StaffNamespace;
  staff: Staff;
  me: StaffRef;
  viewer: Viewer;
  socketId: string;
}
