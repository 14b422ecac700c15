/**
 * The console's language, chosen once from the browser's preferences: Russian when the
 * browser prefers it, English otherwise. Strings are looked up by key; `{name}` slots are
 * filled from params. The result is plain text, rendered by Lit as text.
 * Words only a lazy chunk shows live in that chunk (`*-words.ts` here, each joining the
 * dictionary with `addWords` when imported), so the main bundle carries none of them.
 */
import { pickLocale, type Locale } from '../../protocol/locales.ts';
import { en, type Dictionary } from './en.ts';
import { ru } from './ru.ts';
import type { words as accessLogWords } from './access-log-words.ts';
import type { words as answersWords } from './answers-words.ts';
import type { words as clinicWords } from './clinic-words.ts';
import type { words as firstScreenWords } from './first-screen-words.ts';
import type { words as outboxWords } from './outbox-words.ts';
import type { words as patientActionsWords } from './patient-actions-words.ts';
import type { words as patientDataWords } from './patient-data-words.ts';
import type { words as progressWords } from './progress-words.ts';
import type { words as shortcutsWords } from './shortcuts-words.ts';
import type { words as signInCodeWords } from './sign-in-code-words.ts';
import type { words as staffWords } from './staff-words.ts';
import type { words as twoFactorWords } from './two-factor-words.ts';
import type { words as peopleWords } from './people-words.ts';

type ChunkWords =
  | typeof accessLogWords
  | typeof answersWords
  | typeof clinicWords
  | typeof firstScreenWords
  | typeof outboxWords
  | typeof patientActionsWords
  | typeof patientDataWords
  | typeof progressWords
  | typeof shortcutsWords
  | typeof signInCodeWords
  | typeof staffWords
  | typeof twoFactorWords
  | typeof peopleWords;
type KeysOf<W> = W extends { en: infer E } ? keyof E : never;
export type MessageKey = keyof Dictionary | KeysOf<ChunkWords>;

const DICTIONARIES: Record<Locale, Dictionary> = { en, ru };

export const locale: Locale =
  typeof navigator === 'undefined' ? 'en' : pickLocale(...(navigator.languages?.length ? navigator.languages : [navigator.language]));

const dictionary: Partial<Record<MessageKey, string>> = { ...DICTIONARIES[locale] };

/** A chunk's words join the dictionary; both languages must have the same keys. */
export function addWords<K extends MessageKey>(words: { en: Record<K, string>; ru: Record<NoInfer<K>, string> }): void {
  Object.assign(dictionary, words[locale]);
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionary[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (slot, name: string) => (name in params ? String(params[name]) : slot));
}
