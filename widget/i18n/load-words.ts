/** A language's words, with a bundler: a dynamic import, its own chunk. The chat chunk uses loader/words-script.ts instead. */
import type { Dictionary } from './en.ts';
import type { Language } from './pick-language.ts';

export const loadWords = async (language: Language): Promise<Dictionary> => (await (language === 'ru' ? import('./ru.ts') : import('./en.ts'))).messages;
