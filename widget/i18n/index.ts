/**
 * The widget's languages. The element follows its `lang` attribute, then the page's
 * `<html lang>`, then the browser; anything but Russian falls back to English.
 */
import { messages as en, type Dictionary, type MessageKey } from './en.ts';
import { messages as ru } from './ru.ts';

import type { Language } from './pick-language.ts';

const DICTIONARIES: Record<Language, Dictionary> = { en, ru };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A lookup for one language; the result is plain text, which Lit renders as text. */
export function translator(language: Language): Translate {
  const dictionary = DICTIONARIES[language];
  return (key, params) => {
    const text = dictionary[key];
    return params ? text.replace(/\{(\w+)\}/g, (slot, name: string) => (name in params ? String(params[name]) : slot)) : text;
  };
}

export { pageLanguage, type Language } from './pick-language.ts';
export type { MessageKey };
