/** The event a words script (words-en.ts, words-ru.ts) fires on its own script element, with the words as `detail`. */
export const WORDS_EVENT = 'clinic-chat:words';
