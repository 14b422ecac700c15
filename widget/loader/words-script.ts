/**
 * The chat chunk's way to a language's words: a classic script of their own (words-en.ts,
 * words-ru.ts, added by chunk-script.ts), that hands them over
 * in an event on its own script element (no global). Stands in for i18n/load-words.ts in
 * the chat chunk (widget/rollup.bundles.mjs).
 */
import enFile from 'clinic-chat:words-en-file';
import ruFile from 'clinic-chat:words-ru-file';
import type { Dictionary } from '../i18n/en.ts';
import type { Language } from '../i18n/pick-language.ts';
import { WORDS_EVENT } from './words-event.ts';
import { scriptBeside } from './chunk-script.ts';

export function loadWords(language: Language): Promise<Dictionary> {
  return new Promise((resolve, reject) => {
    const script = scriptBeside(language === 'ru' ? ruFile : enFile);
    script.addEventListener(WORDS_EVENT, (event) => resolve((event as CustomEvent<Dictionary>).detail));
    script.onerror = () => reject(new Error(`clinic-chat: WIDGET_LOAD_FAILED: could not load ${script.src}`));
  });
}
