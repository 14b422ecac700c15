/** A clinic's security and privacy settings (issue 10 §1, §5), part of its settings. */
import { Type, type Static } from '@sinclair/typebox';

export const SecuritySettingsSchema = Type.Object(
  {
    /** Conversations with no activity for this many days are erased by a daily job; 0 keeps them. */
    retentionDays: Type.Integer({ minimum: 0, maximum: 3650 }),
    /** Every staff member must sign in with a second factor (TOTP or a recovery code). */
    requireTwoFactor: Type.Boolean(),
    /** A staff session unused for this many minutes ends; 0: only its absolute lifetime. */
    idleTimeoutMinutes: Type.Integer({ minimum: 0, maximum: 24 * 60 }),
  },
  { additionalProperties: false },
);
export type SecuritySettings = Static<typeof SecuritySettingsSchema>;
