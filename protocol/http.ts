import { Type, type Static } from '@sinclair/typebox';
import { LIMITS } from './limits.ts';
import { ClinicIdSchema } from './ids.ts';
import { StaffRefSchema } from './model.ts';

export { API_PREFIX, SESSION_COOKIE } from './constants.ts';

export const LoginBodySchema = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: LIMITS.shortTextMax }),
    password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
    /** The second factor, when the member has one: a TOTP code or one of their recovery codes. */
    code: Type.Optional(Type.String({ minLength: 6, maxLength: 32 })),
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
  /** Whether this member signs in with a second factor, and whether the clinic requires one. */
  twoFactor: Type.Optional(Type.Object({ enabled: Type.Boolean(), required: Type.Boolean() })),
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

/** `POST /api/v1/auth/2fa/setup`: a new TOTP secret to add to an authenticator app (pending until enabled). */
export const TwoFactorSetupSchema = Type.Object({ secret: Type.String(), uri: Type.String() });
export type TwoFactorSetup = Static<typeof TwoFactorSetupSchema>;

/** `POST /api/v1/auth/2fa/enable`: the first code from the app turns the second factor on. */
export const TwoFactorEnableBodySchema = Type.Object({ code: Type.String({ minLength: 6, maxLength: 8 }) }, { additionalProperties: false });
export type TwoFactorEnableBody = Static<typeof TwoFactorEnableBodySchema>;

/** The recovery codes, shown once: each signs in once instead of a TOTP code. */
export const RecoveryCodesSchema = Type.Object({ recoveryCodes: Type.Array(Type.String()) });
export type RecoveryCodes = Static<typeof RecoveryCodesSchema>;
