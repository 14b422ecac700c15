/** Which of the widget's languages to use; tiny, so the loader can share it. */
export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The first supported language among the given tags (e.g. "ru-RU"), or English. */
export function pickLanguage(...tags: (string | null | undefined)[]): Language {
  for (const tag of tags) {
    const base = tag?.toLowerCase().split('-')[0];
    if (base === 'ru' || base === 'en') return base;
  }
  return 'en';
}

/** The language a widget on this page should speak: its own setting, the page's, the browser's. */
export function pageLanguage(own?: string | null): Language {
  return pickLanguage(own, document.documentElement.lang, ...(navigator.languages ?? []), navigator.language);
}
