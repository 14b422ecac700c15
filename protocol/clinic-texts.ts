/**
 * A clinic's patient-facing texts in more than one language: the greeting and office hours
 * the owner wrote per language, over the clinic's default ones. The relay resolves them for
 * the widget's language (the visitor handshake's `lang`), so the widget carries no rule.
 */
import { Type, type Static } from '@sinclair/typebox';
import { LIMITS } from './limits.ts';
import { LOCALES, type Locale } from './locales.ts';

export const LocaleSchema = Type.Union(LOCALES.map((locale) => Type.Literal(locale)));

/** The longest greeting or office hours (five short texts), the same as the default ones. */
const TextOverride = Type.String({ maxLength: LIMITS.shortTextMax * 5 });

/** One language's texts; a missing or empty one falls back to the clinic's default. */
export const LanguageTextsSchema = Type.Object(
  {
    greeting: Type.Optional(TextOverride),
    officeHours: Type.Optional(TextOverride),
    /** The emergency notice on the first screen; empty: the relay's default ("Not for emergencies — call 103 or 112"). */
    emergency: Type.Optional(TextOverride),
    /** The automatic reply to a message written outside office hours; empty: the relay's default. */
    away: Type.Optional(TextOverride),
  },
  { additionalProperties: false },
);
export type LanguageTexts = Static<typeof LanguageTextsSchema>;

export const ClinicTextsSchema = Type.Object(
  { ru: Type.Optional(LanguageTextsSchema), en: Type.Optional(LanguageTextsSchema) } satisfies Record<Locale, unknown>,
  { additionalProperties: false },
);
export type ClinicTexts = Static<typeof ClinicTextsSchema>;

/** The greeting and office hours for a widget speaking `lang` (none given: the defaults). */
export function textsIn(
  clinic: { greeting: string; officeHours: string | null; texts: ClinicTexts },
  lang: Locale | undefined,
): { greeting: string; officeHours: string | null } {
  const own = lang ? clinic.texts[lang] : undefined;
  return { greeting: own?.greeting || clinic.greeting, officeHours: own?.officeHours || clinic.officeHours };
}
