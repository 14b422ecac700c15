/**
 * The console's language, chosen once from the browser's preferences: Russian when the
 * browser prefers it, English otherwise. Strings are looked up by key; `{name}` slots are
 * filled from params. The result is plain text, rendered by Lit as text.
 */
import { pickLocale, type Locale } from '../../protocol/locales.ts';
import { en, type Dictionary, type MessageKey } from './en.ts';
import { ru } from './ru.ts';

const DICTIONARIES: Record<Locale, Dictionary> = { en, ru };

export const locale: Locale =
  typeof navigator === 'undefined' ? 'en' : pickLocale(...(navigator.languages?.length ? navigator.languages : [navigator.language]));

const dictionary: Dictionary = DICTIONARIES[locale];

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionary[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (slot, name: string) => (name in params ? String(params[name]) : slot));
}

export type { MessageKey };
