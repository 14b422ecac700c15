/**
 * The `visitor:contact` payload: a patient asks to be told of replies by e-mail or SMS.
 * The schema checks the shape (and that consent is literally `true`); `checkContact`
 * in contact.ts then normalises the values and answers `CONTACT_INVALID` for a bad one
 * or when neither is given. Kept apart from contact.ts so the widget's bundle, which
 * imports those rules, stays free of TypeBox.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CONTACT_LIMITS } from './contact.ts';

export const VisitorContactSchema = Type.Object(
  {
    email: Type.Optional(Type.String({ maxLength: CONTACT_LIMITS.emailMax })),
    phone: Type.Optional(Type.String({ maxLength: CONTACT_LIMITS.phoneInputMax })),
    /** Ticking the consent box is the only way to send this; anything else is refused. */
    consent: Type.Literal(true),
  },
  { additionalProperties: false },
);
export type VisitorContact = Static<typeof VisitorContactSchema>;

/** The contact a patient gave, as the relay keeps it: normalised, with the consent they agreed to. */
export const PatientContactSchema = Type.Object({
  email: Type.Union([Type.String(), Type.Null()]),
  /** E.164. */
  phone: Type.Union([Type.String(), Type.Null()]),
  /** `CONSENT_TEXT_VERSION` when the patient ticked the box. */
  consentVersion: Type.String(),
  /** When, in ms since the epoch. */
  consentAt: Type.Number(),
});
export type PatientContact = Static<typeof PatientContactSchema>;

/** A staff member's alerts, set by the owner in the staff dialog. */
export const StaffAlertSettingsSchema = Type.Object(
  {
    /** E-mail alerts when a patient waits (R7); office hours may mute them. */
    alerts: Type.Boolean(),
    /** Where alerts go; null: the sign-in e-mail. */
    email: Type.Union([Type.String({ maxLength: CONTACT_LIMITS.emailMax }), Type.Null()]),
    /** E.164; escalation SMS go here. */
    phone: Type.Union([Type.String({ maxLength: CONTACT_LIMITS.phoneInputMax }), Type.Null()]),
    /** One of the clinic's escalation contacts: gets the SMS when nobody answers at all. */
    escalation: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type StaffAlertSettings = Static<typeof StaffAlertSettingsSchema>;

/**
 * A clinic's notification settings (requirement R7, R9): minutes before a patient notice,
 * a staff alert and an escalation SMS, and whether office hours mute staff alerts at night.
 */
export const NotifySettingsSchema = Type.Object(
  {
    patientAfterMinutes: Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 }),
    staffAfterMinutes: Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 }),
    escalateAfterMinutes: Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 }),
    /** Staff alerts (not escalation) wait while the clinic is closed, per its office hours. */
    muteOutsideOfficeHours: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type NotifySettings = Static<typeof NotifySettingsSchema>;

/** Withdrawing the contact: no more notices; what was stored is deleted. */
export const ContactWithdrawSchema = Type.Object({}, { additionalProperties: false });
