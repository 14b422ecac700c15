import { Type, type Static } from '@sinclair/typebox';
import { LIMITS } from './limits.ts';
import { ClinicIdSchema } from './ids.ts';
import { StaffRefSchema } from './model.ts';

export { API_PREFIX, SESSION_COOKIE } from './constants.ts';

export const LoginBodySchema = Type.Object({
  email: Type.String({ minLength: 3, maxLength: LIMITS.shortTextMax }),
  password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
}, { additionalProperties: false });
export type LoginBody = Static<typeof LoginBodySchema>;

export const MeSchema = Type.Object({
  staff: StaffRefSchema,
  clinic: Type.Object({ id: ClinicIdSchema, name: Type.String() }),
  /** When the session ends unless renewed by signing in again (ms since epoch). */
  expiresAt: Type.Number(),
});
export type Me = Static<typeof MeSchema>;
