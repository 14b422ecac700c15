import { Type, type Static } from '@sinclair/typebox';
import { ROLES, SIDES, THREAD_KINDS, THREAD_STATUSES } from './constants.ts';
import { AttachmentRefSchema } from './attachments.ts';
import { ClientMessageIdSchema, StaffIdSchema, StreamIdSchema, ThreadIdSchema, VisitorIdSchema } from './ids.ts';
import { resolutionFields } from './review-flow.ts';
import { BookingDetailsSchema, BookingOutcomeSchema } from './booking.ts';
import { FirstScreenSchema } from './first-screen.ts';

const literals = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as import('@sinclair/typebox').TUnsafe<T[number]>;

export * from './constants.ts';
export const RoleSchema = literals(ROLES);
export const ThreadStatusSchema = literals(THREAD_STATUSES);
export const ThreadKindSchema = literals(THREAD_KINDS);
export const SideSchema = literals(SIDES);

export const StaffRefSchema = Type.Object({
  id: StaffIdSchema,
  name: Type.String(),
  role: RoleSchema,
});
export type StaffRef = Static<typeof StaffRefSchema>;

/**
 * A doctor as the patient's picker shows them (issue 13 §3): `photo` when they have one,
 * served at `/staff-photos/<id>` (relay/attachments/staff-photos.ts).
 */
export const DoctorCardSchema = Type.Object({
  ...StaffRefSchema.properties,
  specialty: Type.Optional(Type.String()),
  photo: Type.Optional(Type.Boolean()),
});
export type DoctorCard = Static<typeof DoctorCardSchema>;

export const AuthorSchema = Type.Union([
  Type.Object({ kind: Type.Literal('patient') }),
  Type.Object({ kind: Type.Literal('staff'), staff: StaffRefSchema }),
  Type.Object({ kind: Type.Literal('system') }),
]);
export type Author = Static<typeof AuthorSchema>;

const messageBase = {
  id: StreamIdSchema,
  threadId: ThreadIdSchema,
  /** Server time in milliseconds, taken from the stream id. */
  at: Type.Number(),
};

export const SystemEventSchema = Type.Union([
  Type.Object({ kind: Type.Literal('assigned'), assignee: Type.Union([StaffRefSchema, Type.Null()]), by: StaffRefSchema }),
  Type.Object({ kind: Type.Literal('status'), status: ThreadStatusSchema, by: StaffRefSchema }),
  /** Staff confirmed or declined the booking request `request` (a booking message's id; issue 13 §3). */
  Type.Object({ kind: Type.Literal('booking'), request: StreamIdSchema, outcome: BookingOutcomeSchema, by: StaffRefSchema }),
  /** The clinic's automatic away message (issue 13 §3): the patient wrote outside office hours; once per closed period. */
  Type.Object({ kind: Type.Literal('away'), text: Type.String() }),
]);
export type SystemEvent = Static<typeof SystemEventSchema>;

/** Files a text or note carries (issue 9); absent when none. The text may then be empty. */
const attachmentsField = { attachments: Type.Optional(Type.Array(AttachmentRefSchema)) };

/** A message as stored and delivered. `note` is staff-only and never reaches a patient. */
export const MessageSchema = Type.Union([
  Type.Object({ ...messageBase, type: Type.Literal('text'), clientId: ClientMessageIdSchema, author: AuthorSchema, text: Type.String(), ...attachmentsField }),
  Type.Object({ ...messageBase, type: Type.Literal('note'), clientId: ClientMessageIdSchema, author: AuthorSchema, text: Type.String(), ...attachmentsField }),
  Type.Object({ ...messageBase, type: Type.Literal('system'), author: AuthorSchema, event: SystemEventSchema }),
  /** A patient's booking request (protocol/booking.ts): staff see the phone, the patient their own request. */
  Type.Object({ ...messageBase, type: Type.Literal('booking'), clientId: ClientMessageIdSchema, author: AuthorSchema, booking: BookingDetailsSchema }),
]);
export type Message = Static<typeof MessageSchema>;
export type MessageType = Message['type'];

export const ReadCursorsSchema = Type.Object({
  patient: Type.Union([StreamIdSchema, Type.Null()]),
  staff: Type.Union([StreamIdSchema, Type.Null()]),
});

/**
 * The thread of the same patient and conversation kind (clinic team, or one doctor) that
 * this one continues: writing after a close starts a new thread linked to the closed one,
 * so each kind is one timeline of threads, oldest first.
 */
const PreviousThreadSchema = Type.Union([ThreadIdSchema, Type.Null()]);

/** A thread as its patient sees it. */
export const PatientThreadSchema = Type.Object({
  id: ThreadIdSchema,
  kind: ThreadKindSchema,
  status: ThreadStatusSchema,
  doctor: Type.Union([StaffRefSchema, Type.Null()]),
  /** Who answers: the assigned staff member, when there is one. */
  assignee: Type.Union([StaffRefSchema, Type.Null()]),
  createdAt: Type.Number(),
  lastActivityAt: Type.Number(),
  lastId: Type.Union([StreamIdSchema, Type.Null()]),
  /** Staff messages the patient has not read. */
  unread: Type.Integer(),
  read: ReadCursorsSchema,
  previousThreadId: PreviousThreadSchema,
  /** A complaint's review, status steps and the patient's answer (review-flow.ts). */
  ...resolutionFields,
});
export type PatientThread = Static<typeof PatientThreadSchema>;

/** A thread as staff see it in the inbox. */
export const StaffThreadSchema = Type.Object({
  id: ThreadIdSchema,
  kind: ThreadKindSchema,
  status: ThreadStatusSchema,
  complaint: Type.Boolean(),
  doctor: Type.Union([StaffRefSchema, Type.Null()]),
  assignee: Type.Union([StaffRefSchema, Type.Null()]),
  patient: Type.Object({ id: VisitorIdSchema, displayName: Type.String() }),
  createdAt: Type.Number(),
  lastActivityAt: Type.Number(),
  lastId: Type.Union([StreamIdSchema, Type.Null()]),
  /** First words of the last text message; never of a private note to a patient. */
  preview: Type.String(),
  /** Patient messages no staff member has read. */
  unread: Type.Integer(),
  read: ReadCursorsSchema,
  previousThreadId: PreviousThreadSchema,
  /**
   * A notice about this thread (patient notice, staff alert, escalation) failed after its
   * last attempt: staff should reach the patient another way. Cleared by the next notice sent.
   */
  notificationFailed: Type.Boolean(),
  ...resolutionFields,
  /** When the patient's oldest unanswered message was written (ms); null once staff replied. */
  awaitingSince: Type.Union([Type.Number(), Type.Null()]),
  /** Who wrote the message in `preview`: a staff member, or null for the patient (the console says "You:"). */
  previewBy: Type.Union([StaffIdSchema, Type.Null()]),
});
export type StaffThread = Static<typeof StaffThreadSchema>;

export const PublicClinicSchema = Type.Object({
  name: Type.String(),
  greeting: Type.String(),
  locale: Type.String(),
  bookingUrl: Type.Union([Type.String(), Type.Null()]),
  /** Whether the widget offers "Book a visit" in the chat (the clinic's `bookingRequests`); absent from relays before it: offered. */
  bookingRequests: Type.Optional(Type.Boolean()),
  officeHours: Type.Union([Type.String(), Type.Null()]),
  /** The doctors who accept chats, as cards (issue 13 §3). */
  doctors: Type.Array(DoctorCardSchema),
  /** Office hours' state, the emergency notice and the consent box, in the widget's language (issue 13 §3). */
  firstScreen: FirstScreenSchema,
});
export type PublicClinic = Static<typeof PublicClinicSchema>;

// Length is checked after validation so an overlong text gets TEXT_TOO_LONG, not BAD_REQUEST;
// the socket's buffer limit bounds what arrives at all.
export const TextSchema = Type.String();
