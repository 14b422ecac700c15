/** The event a words script (words-en.ts, words-ru.ts) fires on its own script element, with the words as `detail`. */
export const WORDS_EVENT = 'clinic-chat:words';

/** The event the conversation list's script (messages-entry.ts) fires on its own script element, with `renderTimeline` as `detail`. */
export const MESSAGES_EVENT = 'clinic-chat:messages';

/** The event cookie mode's script (cookie-entry.ts) fires on its own script element, with `cookieCredential` as `detail`. */
export const COOKIE_EVENT = 'clinic-chat:cookie';
