/**
 * The console's language, chosen once from the browser's preferences: Russian when the
 * browser prefers it, English otherwise. Strings are looked up by key; `{name}` slots are
 * filled from params. The result is plain text, rendered by Lit as text.
 */
import { en, type Dictionary, type MessageKey } from './en.ts';
import { ru } from './ru.ts';

const DICTIONARIES = { en, ru } as const satisfies Record<string, Dictionary>;
export type Locale = keyof typeof DICTIONARIES;

function pickLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ru' || base === 'en') return base;
  }
  return 'en';
}

export const locale: Locale = pickLocale(
  typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language],
);

const dictionary: Dictionary = DICTIONARIES[locale];

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionary[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (slot, name: string) => (name in params ? String(params[name]) : slot));
}

export type { MessageKey };
