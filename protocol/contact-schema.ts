/**
 * The `visitor:contact` payload: a patient asks to be told of replies by e-mail or SMS.
 * The schema checks the shape (and that consent is literally `true`); `checkContact`
 * in contact.ts then normalises the values and answers `CONTACT_INVALID` for a bad one
 * or when neither is given. Kept apart from contact.ts so the widget's bundle, which
 * imports those rules, stays free of TypeBox.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CONTACT_LIMITS } from './contact.ts';

export const VisitorContactSchema = Type.Object({
  email: Type.Optional(Type.String({ maxLength: CONTACT_LIMITS.emailMax })),
  phone: Type.Optional(Type.String({ maxLength: CONTACT_LIMITS.phoneInputMax })),
  /** Ticking the consent box is the only way to send this; anything else is refused. */
  consent: Type.Literal(true),
}, { additionalProperties: false });
export type VisitorContact = Static<typeof VisitorContactSchema>;
