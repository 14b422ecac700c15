/**
 * The languages clients speak and how one is chosen from language tags (an attribute,
 * `<html lang>`, `navigator.languages`): the first supported one, else English.
 * No runtime dependencies, so the widget's loader can carry it.
 */
export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** The first supported language among the tags (e.g. "ru-RU" → "ru"), or English. */
export function pickLocale(...tags: readonly (string | null | undefined)[]): Locale {
  for (const tag of tags) {
    const base = tag?.toLowerCase().split('-')[0];
    if (base === 'ru' || base === 'en') return base;
  }
  return 'en';
}
