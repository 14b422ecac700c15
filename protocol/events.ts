/**
 * The event maps of both Socket.IO namespaces. Each client-to-server event has a
 * request schema (validated by the relay) and a result type (the `ok` of its ack);
 * the typed maps below are derived from these tables and used as Socket.IO generics
 * by the relay, the widget and the console.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { Ack } from './errors.ts';
import type { Message, PatientThread, StaffThread } from './model.ts';
import {
  AssignSchema, ClinicUpdateSchema, DeleteAnswerSchema, StaffAddSchema, StaffListSchema, StaffRefRequestSchema, StaffUpdateSchema, EmptySchema, IdentifySchema, SaveAnswerSchema, SetComplaintSchema, HistoryRequestSchema, InboxRequestSchema, OpenThreadSchema, ReadSchema,
  SendMessageSchema, SetStatusSchema, StaffSendMessageSchema, ThreadRefSchema, TypingSchema,
  type Empty, type HistoryPage, type InboxPage, type ReadEvent, type SendResult, type StaffMember,
  type TypingEvent, type VisitorSession, type VisitorHandshake, type PatientProfile, type ReadyAnswer, type ClinicSettings,
} from './requests.ts';

export { NAMESPACES } from './constants.ts';

export const VISITOR_REQUESTS = {
  'thread:list': EmptySchema,
  'thread:open': OpenThreadSchema,
  'message:send': SendMessageSchema,
  'message:history': HistoryRequestSchema,
  'typing': TypingSchema,
  'read': ReadSchema,
  'visitor:identify': IdentifySchema,
} as const satisfies Record<string, TSchema>;

export interface VisitorResults {
  'thread:list': { threads: PatientThread[] };
  'thread:open': { thread: PatientThread };
  'message:send': SendResult;
  'message:history': HistoryPage;
  'typing': Empty;
  'read': Empty;
  'visitor:identify': Empty;
}

export const STAFF_REQUESTS = {
  'inbox:list': InboxRequestSchema,
  'thread:get': ThreadRefSchema,
  'thread:assign': AssignSchema,
  'thread:status': SetStatusSchema,
  'message:send': StaffSendMessageSchema,
  'message:history': HistoryRequestSchema,
  'typing': TypingSchema,
  'read': ReadSchema,
  'staff:list': StaffListSchema,
  'staff:add': StaffAddSchema,
  'staff:update': StaffUpdateSchema,
  'staff:reset-password': StaffRefRequestSchema,
  'clinic:get': EmptySchema,
  'clinic:update': ClinicUpdateSchema,
  'thread:complaint': SetComplaintSchema,
  'patient:get': ThreadRefSchema,
  'answers:list': EmptySchema,
  'answers:save': SaveAnswerSchema,
  'answers:delete': DeleteAnswerSchema,
} as const satisfies Record<string, TSchema>;

export interface StaffResults {
  'inbox:list': InboxPage;
  'thread:get': { thread: StaffThread };
  'thread:assign': { thread: StaffThread };
  'thread:status': { thread: StaffThread };
  'message:send': SendResult;
  'message:history': HistoryPage;
  'typing': Empty;
  'read': Empty;
  'staff:list': { staff: StaffMember[] };
  'staff:add': { member: StaffMember; password: string };
  'staff:update': { member: StaffMember };
  'staff:reset-password': { password: string };
  'clinic:get': { clinic: ClinicSettings };
  'clinic:update': { clinic: ClinicSettings };
  'thread:complaint': { thread: StaffThread };
  /** `threads`: every thread of the patient the caller may read (all kinds), oldest first. */
  'patient:get': { patient: PatientProfile; threads: StaffThread[] };
  'answers:list': { answers: ReadyAnswer[] };
  'answers:save': { answer: ReadyAnswer };
  'answers:delete': Empty;
}

type RequestTable = Record<string, TSchema>;
type ClientEvents<Req extends RequestTable, Res extends { [E in keyof Req]: unknown }> = {
  [E in keyof Req & string]: (payload: Static<Req[E]>, ack: (result: Ack<Res[E]>) => void) => void;
};

export type VisitorRequests = typeof VISITOR_REQUESTS;
export type StaffRequests = typeof STAFF_REQUESTS;
export type VisitorEvent = keyof VisitorRequests & string;
export type StaffEvent = keyof StaffRequests & string;

/** What a visitor socket may send (Socket.IO `ListenEvents` on the relay). */
export type VisitorClientToServer = ClientEvents<VisitorRequests, VisitorResults>;
/** What a staff socket may send. */
export type StaffClientToServer = ClientEvents<StaffRequests, StaffResults>;

/** Sent when an event arrived without an ack callback and failed, so the error is not lost. */
export interface EventErrorPayload {
  event: string;
  error: import('./errors.ts').ProtocolError;
}

export interface VisitorServerToClient {
  /** Right after connecting: the clinic's public profile and, for a new visitor, the token. */
  'session': (session: VisitorSession) => void;
  'message': (message: Message) => void;
  'thread:update': (thread: PatientThread) => void;
  'typing': (event: TypingEvent) => void;
  'read': (event: ReadEvent) => void;
  'event:error': (payload: EventErrorPayload) => void;
}

export interface StaffServerToClient {
  'message': (message: Message) => void;
  'thread:update': (thread: StaffThread) => void;
  'typing': (event: TypingEvent) => void;
  'read': (event: ReadEvent) => void;
  'event:error': (payload: EventErrorPayload) => void;
  /** The session ended (sign-out or expiry); the socket is disconnected right after. */
  'session:end': (payload: { reason: 'signed-out' | 'expired' | 'deactivated' }) => void;
}

/** The handshake `auth` of the visitor namespace (its schema: `VisitorHandshakeSchema`). */
export type { VisitorHandshake };
