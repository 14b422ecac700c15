import { Type, type Static } from '@sinclair/typebox';
import { LIMITS } from './limits.ts';
import { ClinicIdSchema } from './ids.ts';
import { StaffRefSchema } from './model.ts';

export { API_PREFIX, SESSION_COOKIE } from './constants.ts';

export const LoginBodySchema = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: LIMITS.shortTextMax }),
    password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const MeSchema = Type.Object({
  staff: StaffRefSchema,
  clinic: Type.Object({ id: ClinicIdSchema, name: Type.String() }),
  /** When the session ends unless renewed by signing in again (ms since epoch). */
  expiresAt: Type.Number(),
  /** The relay runs its local mail catcher (no SMTP_URL): the owner may read `GET /api/v1/outbox`. */
  outbox: Type.Boolean(),
});
export type Me = Static<typeof MeSchema>;

/** What the local mail catcher caught (`GET /api/v1/outbox`, owner only, only while the catcher runs). */
export const OutboxItemSchema = Type.Object({
  channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]),
  to: Type.String(),
  subject: Type.Union([Type.String(), Type.Null()]),
  text: Type.String(),
  at: Type.Number(),
});
export type OutboxItem = Static<typeof OutboxItemSchema>;
export const OutboxSchema = Type.Object({ items: Type.Array(OutboxItemSchema) });
export type Outbox = Static<typeof OutboxSchema>;
