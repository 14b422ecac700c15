/**
 * The widget's languages. The element follows its `lang` attribute, then the page's
 * `<html lang>`, then the browser; anything but Russian falls back to English.
 *
 * A language's words are fetched when first needed (`loadLanguage()`): with a bundler a dynamic
 * import (load-words.ts), in the script tag's chat chunk a classic script of their own
 * (loader/words-script.ts), so a patient downloads one language, not all of them.
 */
import type { Dictionary, MessageKey } from './en.ts';
import { loadWords } from './load-words.ts';
import type { Language } from './pick-language.ts';

const DICTIONARIES: Partial<Record<Language, Dictionary>> = {};
const loading: Partial<Record<Language, Promise<void>>> = {};

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Fetches a language's words once (again after a failure); resolves when translator() has them. */
export function loadLanguage(language: Language): Promise<void> {
  return (loading[language] ??= loadWords(language).then(
    (dictionary) => {
      DICTIONARIES[language] = dictionary;
    },
    (error: unknown) => {
      delete loading[language];
      throw error;
    },
  ));
}

/** Whether translator(language) has its words yet. */
export const hasWords = (language: Language): boolean => language in DICTIONARIES;

/** A lookup for one language (empty text until its words have arrived); the result is plain text, which Lit renders as text. */
export function translator(language: Language): Translate {
  const dictionary = DICTIONARIES[language];
  return (key, params) => {
    const text = dictionary?.[key] ?? '';
    return params ? text.replace(/\{(\w+)\}/g, (slot, name: string) => (name in params ? String(params[name]) : slot)) : text;
  };
}

export { pageLanguage, type Language } from './pick-language.ts';
export type { MessageKey };
