/**
 * The event maps of both Socket.IO namespaces, as schema tables: each client-to-server
 * event has a request schema (validated by the relay) and a result schema (the `ok` of
 * its ack), and each server-to-client push a payload schema. The typed maps below are
 * derived from these tables and used as Socket.IO generics by the relay, the widget and
 * the console; the test harness checks every ack and push against them.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ERRORS, type Ack, type ErrorCode } from './errors.ts';
import { MessageSchema, PatientThreadSchema, StaffThreadSchema } from './model.ts';
import {
  AssignSchema,
  ClinicUpdateSchema,
  DeleteAnswerSchema,
  StaffAddSchema,
  StaffListSchema,
  StaffRefRequestSchema,
  StaffUpdateSchema,
  EmptySchema,
  IdentifySchema,
  SaveAnswerSchema,
  SetComplaintSchema,
  HistoryRequestSchema,
  InboxRequestSchema,
  OpenThreadSchema,
  ReadSchema,
  SendMessageSchema,
  SetStatusSchema,
  StaffSendMessageSchema,
  ThreadRefSchema,
  TypingSchema,
  SendResultSchema,
  HistoryPageSchema,
  InboxPageSchema,
  StaffMemberSchema,
  ClinicSettingsSchema,
  PatientProfileSchema,
  ReadyAnswerSchema,
  VisitorSessionSchema,
  TypingEventSchema,
  ReadEventSchema,
  SendLinkSchema,
  SendLinkResultSchema,
  UseAnswerSchema,
  UsedAnswerSchema,
  type VisitorHandshake,
} from './requests.ts';
import { AttachmentUrlRequestSchema, AttachmentUrlResultSchema } from './attachments.ts';
import { ResolveThreadSchema, SetStepSchema } from './review-flow.ts';
import { ReviewSettingsSchema, ReviewSettingsUpdateSchema } from './review-settings.ts';
import { ApiKeyCreateSchema, ApiKeySummarySchema, ReviewConversationRequestSchema, ReviewConversationSchema, WebhookDeliverySchema } from './review-api.ts';
import { EntityIdSchema } from './ids.ts';
import { ReportQuerySchema, ReportSchema } from './reports.ts';
import { ContactWithdrawSchema, PatientContactSchema, VisitorContactSchema } from './contact-schema.ts';
import { ConsentRecordSchema, VisitorConsentSchema } from './first-screen.ts';
import { InboxCountsSchema, QueueSettingsSchema, QueueSettingsUpdateSchema, TakeSchema } from './queue.ts';
import { SearchRequestSchema, SearchResultSchema } from './search.ts';
import { PushSubscriptionSchema, PushUnsubscribeSchema } from './push.ts';
import { BookingDecisionSchema, BookingRequestSchema } from './booking.ts';

export { NAMESPACES } from './constants.ts';

export const VISITOR_REQUESTS = {
  'thread:list': EmptySchema,
  'thread:open': OpenThreadSchema,
  'message:send': SendMessageSchema,
  'message:history': HistoryRequestSchema,
  'typing': TypingSchema,
  'read': ReadSchema,
  'visitor:identify': IdentifySchema,
  'visitor:contact': VisitorContactSchema,
  'visitor:contact-withdraw': ContactWithdrawSchema,
  'attachment:url': AttachmentUrlRequestSchema,
  'thread:resolve': ResolveThreadSchema,
  'booking:request': BookingRequestSchema,
  'visitor:consent': VisitorConsentSchema,
  /** "Forget this device": this browser's token and its successors stop working (issue 10 §4). */
  'visitor:forget': EmptySchema,
} as const satisfies Record<string, TSchema>;

const threadOf = <T extends TSchema>(thread: T) => Type.Object({ thread });

/** The `ok` of each visitor event's ack. */
export const VISITOR_RESULTS = {
  'thread:list': Type.Object({ threads: Type.Array(PatientThreadSchema) }),
  'thread:open': threadOf(PatientThreadSchema),
  'message:send': SendResultSchema,
  'message:history': HistoryPageSchema,
  'typing': EmptySchema,
  'read': EmptySchema,
  /** `token`: this device joined the patient's history held by another visitor (a verified `patientId`): keep it and reconnect with it. */
  'visitor:identify': Type.Object({ token: Type.Optional(Type.String()) }),
  'visitor:contact': Type.Object({ contact: PatientContactSchema }),
  'visitor:contact-withdraw': EmptySchema,
  'attachment:url': AttachmentUrlResultSchema,
  'thread:resolve': threadOf(PatientThreadSchema),
  'booking:request': SendResultSchema,
  'visitor:consent': Type.Object({ consent: ConsentRecordSchema }),
  'visitor:forget': EmptySchema,
} as const satisfies { [E in keyof typeof VISITOR_REQUESTS]: TSchema };

export type VisitorResults = { [E in keyof typeof VISITOR_RESULTS]: Static<(typeof VISITOR_RESULTS)[E]> };

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
  'patient:send-link': SendLinkSchema,
  'attachment:url': AttachmentUrlRequestSchema,
  'answers:use': UseAnswerSchema,
  'thread:step': SetStepSchema,
  'reviews:settings': EmptySchema,
  'reviews:settings-update': ReviewSettingsUpdateSchema,
  'reviews:start': ReviewConversationRequestSchema,
  'webhooks:deliveries': EmptySchema,
  'webhooks:replay': Type.Object({ eventId: EntityIdSchema }, { additionalProperties: false }),
  'reports:get': ReportQuerySchema,
  'integration:keys': EmptySchema,
  'integration:key-create': ApiKeyCreateSchema,
  'integration:key-revoke': Type.Object({ keyId: EntityIdSchema }, { additionalProperties: false }),
  'webhooks:set': Type.Object({ url: Type.String({ maxLength: 2048 }) }, { additionalProperties: false }),
  /** Signs the thread's patient out of every device: their tokens stop working and their sockets close. */
  'patient:end-sessions': ThreadRefSchema,
  'inbox:counts': EmptySchema,
  'queue:get': EmptySchema,
  'queue:update': QueueSettingsUpdateSchema,
  'thread:take': TakeSchema,
  'inbox:search': SearchRequestSchema,
  'push:key': EmptySchema,
  'push:subscribe': PushSubscriptionSchema,
  'push:unsubscribe': PushUnsubscribeSchema,
  'booking:decide': BookingDecisionSchema,
} as const satisfies Record<string, TSchema>;

/** The `ok` of each staff event's ack. */
export const STAFF_RESULTS = {
  'inbox:list': InboxPageSchema,
  'thread:get': threadOf(StaffThreadSchema),
  'thread:assign': threadOf(StaffThreadSchema),
  'thread:status': threadOf(StaffThreadSchema),
  'message:send': SendResultSchema,
  'message:history': HistoryPageSchema,
  'typing': EmptySchema,
  'read': EmptySchema,
  'staff:list': Type.Object({ staff: Type.Array(StaffMemberSchema) }),
  'staff:add': Type.Object({ member: StaffMemberSchema, password: Type.String() }),
  'staff:update': Type.Object({ member: StaffMemberSchema }),
  'staff:reset-password': Type.Object({ password: Type.String() }),
  'clinic:get': Type.Object({ clinic: ClinicSettingsSchema }),
  'clinic:update': Type.Object({ clinic: ClinicSettingsSchema }),
  'thread:complaint': threadOf(StaffThreadSchema),
  /** `threads`: every thread of the patient the caller may read (all kinds), oldest first. */
  'patient:get': Type.Object({ patient: PatientProfileSchema, threads: Type.Array(StaffThreadSchema) }),
  'answers:list': Type.Object({ answers: Type.Array(ReadyAnswerSchema) }),
  'answers:save': Type.Object({ answer: ReadyAnswerSchema }),
  'answers:delete': EmptySchema,
  'patient:send-link': SendLinkResultSchema,
  'attachment:url': AttachmentUrlResultSchema,
  'answers:use': UsedAnswerSchema,
  'thread:step': threadOf(StaffThreadSchema),
  'reviews:settings': Type.Object({ settings: ReviewSettingsSchema }),
  'reviews:settings-update': Type.Object({ settings: ReviewSettingsSchema }),
  /** `created: false`: the review already had this conversation. */
  'reviews:start': Type.Object({ conversation: ReviewConversationSchema, created: Type.Boolean() }),
  'webhooks:deliveries': Type.Object({ url: Type.Union([Type.String(), Type.Null()]), deliveries: Type.Array(WebhookDeliverySchema) }),
  'webhooks:replay': EmptySchema,
  'reports:get': ReportSchema,
  'integration:keys': Type.Object({ keys: Type.Array(ApiKeySummarySchema) }),
  /** `key` is shown this once; only its hash is stored. */
  'integration:key-create': Type.Object({ keyId: EntityIdSchema, key: Type.String() }),
  'integration:key-revoke': EmptySchema,
  /** The new signing secret, shown this once. */
  'webhooks:set': Type.Object({ secret: Type.String() }),
  'patient:end-sessions': EmptySchema,
  'inbox:counts': InboxCountsSchema,
  'queue:get': Type.Object({ settings: QueueSettingsSchema }),
  'queue:update': Type.Object({ settings: QueueSettingsSchema }),
  /** CONFLICT when someone else has it already. */
  'thread:take': threadOf(StaffThreadSchema),
  'inbox:search': SearchResultSchema,
  'push:key': Type.Object({ publicKey: Type.String() }),
  'push:subscribe': EmptySchema,
  'push:unsubscribe': EmptySchema,
  'booking:decide': threadOf(StaffThreadSchema),
} as const satisfies { [E in keyof typeof STAFF_REQUESTS]: TSchema };

export type StaffResults = { [E in keyof typeof STAFF_RESULTS]: Static<(typeof STAFF_RESULTS)[E]> };

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

/** What reaches a client on failure (`ProtocolError` in errors.ts, as a schema). */
export const ProtocolErrorSchema = Type.Object({
  code: Type.Union(Object.keys(ERRORS).map((code) => Type.Literal(code as ErrorCode))),
  message: Type.String(),
  data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

/** Sent when an event arrived without an ack callback and failed, so the error is not lost. */
export const EventErrorSchema = Type.Object({ event: Type.String(), error: ProtocolErrorSchema });
export type EventErrorPayload = Static<typeof EventErrorSchema>;

/** Every event the relay pushes to a visitor socket, with its payload. */
export const VISITOR_PUSHES = {
  /** Right after connecting: the clinic's public profile and, for a new visitor, the token. */
  'session': VisitorSessionSchema,
  'message': MessageSchema,
  'thread:update': PatientThreadSchema,
  'typing': TypingEventSchema,
  'read': ReadEventSchema,
  'event:error': EventErrorSchema,
} as const satisfies Record<string, TSchema>;

/** Every event the relay pushes to a staff socket, with its payload. */
export const STAFF_PUSHES = {
  'message': MessageSchema,
  'thread:update': StaffThreadSchema,
  'typing': TypingEventSchema,
  'read': ReadEventSchema,
  'event:error': EventErrorSchema,
  /**
   * The socket is disconnected right after. Sign-out, expiry, deactivation and a password
   * reset (by the owner) end the session, and the last two every session of the member; after `role-changed` the session goes on and the console rebuilds its workspace
   * for the new role (`GET /api/v1/auth/me`).
   */
  'session:end': Type.Object({
    reason: Type.Union([
      Type.Literal('signed-out'),
      Type.Literal('expired'),
      Type.Literal('deactivated'),
      Type.Literal('role-changed'),
      Type.Literal('password-reset'),
    ]),
  }),
} as const satisfies Record<string, TSchema>;

/**
 * Staff pushes that may carry a second argument after their payload: a new message comes
 * with its thread's row as it is after it, so a staff socket gets one frame per message
 * instead of a `message` and a `thread:update` (issue 14 §5). Listeners of the payload alone
 * keep working.
 */
export const STAFF_PUSH_SECONDS = {
  message: StaffThreadSchema,
} as const satisfies Partial<Record<keyof typeof STAFF_PUSHES, TSchema>>;

type ServerEvents<Pushes extends Record<string, TSchema>, Seconds extends Partial<Record<keyof Pushes, TSchema>> = Record<never, TSchema>> = {
  [E in keyof Pushes]: E extends keyof Seconds
    ? (payload: Static<Pushes[E]>, second?: Static<NonNullable<Seconds[E]>>) => void
    : (payload: Static<Pushes[E]>) => void;
};

export type VisitorServerToClient = ServerEvents<typeof VISITOR_PUSHES>;
export type StaffServerToClient = ServerEvents<typeof STAFF_PUSHES, typeof STAFF_PUSH_SECONDS>;

/** The handshake `auth` of the visitor namespace (its schema: `VisitorHandshakeSchema`). */
export type { VisitorHandshake };
