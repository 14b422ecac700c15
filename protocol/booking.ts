/**
 * A booking request in the chat (issue 13 §3, R5): the patient asks for a visit on a day,
 * at a time, and leaves a phone; it is stored as a message of its own type (`booking`,
 * appended like a patient's text, so it is de-duplicated, alerts staff and is erased with
 * the thread), and staff confirm or decline it once (`booking:decide`), which appends a
 * system message the patient sees. The phone is patient data: never in a preview, a log
 * line or a notice.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ActionIdSchema, ClientMessageIdSchema, StreamIdSchema, ThreadIdSchema } from './ids.ts';
import { BOOKING_OUTCOMES } from './booking-rules.ts';

export * from './booking-rules.ts';

const strict = { additionalProperties: false } as const;
const literals = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as import('@sinclair/typebox').TUnsafe<T[number]>;

/** What the patient asks for, as stored in the message (the phone normalised). */
export const BookingDetailsSchema = Type.Object({
  /** The preferred day, `YYYY-MM-DD` in the patient's calendar. */
  day: Type.String(),
  /** The preferred time, `HH:MM`. */
  time: Type.String(),
  phone: Type.String(),
});
export type BookingDetails = Static<typeof BookingDetailsSchema>;

export const BookingOutcomeSchema = literals(BOOKING_OUTCOMES);

/** `booking:request` (visitor): shapes only; day, time and phone are checked by booking-rules.ts with their own codes. */
export const BookingRequestSchema = Type.Object(
  {
    threadId: ThreadIdSchema,
    clientId: ClientMessageIdSchema,
    day: Type.String({ maxLength: 10 }),
    time: Type.String({ maxLength: 5 }),
    phone: Type.String({ maxLength: 40 }),
  },
  strict,
);
export type BookingRequest = Static<typeof BookingRequestSchema>;

/** `booking:decide` (staff): the request is the booking message's id. */
export const BookingDecisionSchema = Type.Object(
  { threadId: ThreadIdSchema, messageId: StreamIdSchema, outcome: BookingOutcomeSchema, actionId: ActionIdSchema },
  strict,
);
export type BookingDecision = Static<typeof BookingDecisionSchema>;
