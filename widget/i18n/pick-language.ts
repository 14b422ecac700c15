/** Which of the widget's languages to use (the rule is protocol/locales.ts); tiny, so the loader can share it. */
import { pickLocale, type Locale } from '../../protocol/locales.ts';

export type Language = Locale;

/** The language a widget on this page should speak: its own setting, the page's, the browser's. */
export function pageLanguage(own?: string | null): Language {
  return pickLocale(own, document.documentElement.lang, ...(navigator.languages ?? []), navigator.language);
}
