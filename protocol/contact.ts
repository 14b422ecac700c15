/**
 * How a patient's contact for notifications is checked and normalised, and the consent
 * they give: one set of rules for the widget (to explain a bad field before sending) and
 * the relay (to refuse it). Plain functions with no runtime dependencies, so the widget
 * can import them without pulling in the schemas (those are in contact-schema.ts).
 */

export const CONTACT_LIMITS = {
  /** RFC 5321: a forward path holds at most 254 characters of address. */
  emailMax: 254,
  /** Characters a typed phone number may have before normalisation: spaces, brackets, dashes. */
  phoneInputMax: 40,
} as const;

/**
 * Deliberately loose: one `@`, no spaces, a dot in the domain. Stricter checks refuse
 * real addresses; the only proof an address works is a mail that arrives.
 */
export const EMAIL_PATTERN = '^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$';
const emailRe = new RegExp(EMAIL_PATTERN);

/** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
export const E164_PATTERN = '^\\+[1-9][0-9]{7,14}$';
const e164Re = new RegExp(E164_PATTERN);

/** Characters people type inside a phone number besides digits and a leading plus. */
const PHONE_PUNCTUATION = /[\s().-]/g;

/** The address trimmed, or null when it is not a plausible e-mail address. */
export function normalizeEmail(raw: string): string | null {
  const email = raw.trim();
  return email.length <= CONTACT_LIMITS.emailMax && emailRe.test(email) ? email : null;
}

/**
 * The number in E.164, or null. Russian habits are understood: a trunk `8` or a bare
 * `7` before ten digits, or ten digits starting with 9 (a mobile number without any
 * prefix), all mean +7; `00` means an international `+`.
 *
 * @example normalizePhone('8 (912) 345-67-89') === '+79123456789'
 */
export function normalizePhone(raw: string): string | null {
  if (raw.length > CONTACT_LIMITS.phoneInputMax) return null;
  let compact = raw.trim().replace(PHONE_PUNCTUATION, '');
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  if (!/^\+?[0-9]+$/.test(compact)) return null;
  let e164: string;
  if (compact.startsWith('+')) e164 = compact;
  else if (compact.length === 11 && (compact.startsWith('8') || compact.startsWith('7'))) e164 = `+7${compact.slice(1)}`;
  else if (compact.length === 10 && compact.startsWith('9')) e164 = `+7${compact}`;
  else return null;
  // +7 covers Russia and Kazakhstan, whose numbers all have ten digits after the code.
  if (e164.startsWith('+7') && e164.length !== 12) return null;
  return e164Re.test(e164) ? e164 : null;
}

/**
 * The consent a patient gives by ticking the box, per language. Changing a word means a
 * new version: the relay stores the version with the contact, so what each patient
 * agreed to can always be shown.
 */
export const CONSENT_TEXT_VERSION = '2025-06-01';
export const CONSENT_TEXT = {
  ru: 'Я согласен(на), чтобы клиника сообщала мне о новых ответах по указанному адресу или телефону. Сообщения не содержат текста переписки. Согласие можно отозвать в любой момент.',
  en: 'I agree that the clinic may tell me about new replies at this address or number. The notices never contain the conversation. I can withdraw this at any time.',
} as const;

/** A contact after checking: at least one of the two, normalised. */
export interface NormalizedContact {
  email: string | null;
  phone: string | null;
}

export type ContactField = 'email' | 'phone';

export type ContactCheck =
  { ok: NormalizedContact; error?: undefined } | { ok?: undefined; error: { code: 'CONTACT_INVALID'; field: ContactField | 'contact' } };

/**
 * Checks what a patient typed. An empty field counts as absent; a field that is given
 * must be valid (a wrong number is never silently dropped in favour of the e-mail).
 * `field: 'contact'` means neither was given.
 */
export function checkContact(input: { email?: string | undefined; phone?: string | undefined }): ContactCheck {
  const given = (value: string | undefined) => (value !== undefined && value.trim() !== '' ? value : null);
  const rawEmail = given(input.email);
  const rawPhone = given(input.phone);
  if (rawEmail === null && rawPhone === null) return { error: { code: 'CONTACT_INVALID', field: 'contact' } };
  const email = rawEmail === null ? null : normalizeEmail(rawEmail);
  if (rawEmail !== null && email === null) return { error: { code: 'CONTACT_INVALID', field: 'email' } };
  const phone = rawPhone === null ? null : normalizePhone(rawPhone);
  if (rawPhone !== null && phone === null) return { error: { code: 'CONTACT_INVALID', field: 'phone' } };
  return { ok: { email, phone } };
}
