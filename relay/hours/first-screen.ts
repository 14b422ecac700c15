/**
 * What the widget's first screen says (protocol/first-screen.ts), decided here for the
 * widget's language: the emergency notice, whether the clinic is open (with "We reply
 * within ~N min" or when it opens), and the consent box. Built per visitor connection from
 * the cached clinic, so it costs no Redis read beyond the clinic's reply time, itself
 * cached per clinic (reply-time.ts).
 */
import type { FirstScreen } from '../../protocol/first-screen.ts';
import { PRIVACY_CONSENT_VERSION } from '../../protocol/first-screen.ts';
import type { Locale } from '../../protocol/locales.ts';
import type { Clinic } from '../store/clinic-store.ts';
import { patientOpenState } from './clinic-hours.ts';
import { FIRST_SCREEN_WORDS, type FirstScreenWords } from './first-screen-words.ts';
import type { OpenState } from './week-schedule.ts';

/** The words for a widget language, else the clinic's own language. */
export function wordsFor(clinic: Pick<Clinic, 'locale'>, lang: Locale | undefined): { lang: Locale; words: FirstScreenWords } {
  const chosen: Locale = lang ?? (clinic.locale === 'en' ? 'en' : 'ru');
  return { lang: chosen, words: FIRST_SCREEN_WORDS[chosen] };
}

const clock = (minute: number) => `${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, '0')}`;

/** What to tell patients, or null for a week without any hours (it promises nothing either way). */
function stateText(state: OpenState, words: FirstScreenWords, replyMinutes: number | null): string | null {
  if (state.open) return replyMinutes === null ? words.openNow : words.replyWithin(replyMinutes);
  return state.next && words.closedUntil(clock(state.next.minute), state.next.daysAhead, state.next.weekday);
}

/** The first screen at `at` for a widget in `lang`; `replyMinutes` as reply-time.ts found it. */
export function firstScreen(clinic: Clinic, lang: Locale | undefined, at: number, replyMinutes: number | null): FirstScreen {
  const { lang: language, words } = wordsFor(clinic, lang);
  const state = patientOpenState(clinic, at);
  const text = state && stateText(state, words, replyMinutes);
  return {
    emergency: clinic.texts[language]?.emergency || words.emergency,
    hours: state && text ? { open: state.open, text } : null,
    privacy: clinic.privacy.consentRequired
      ? { text: words.consent, link: words.policy, url: clinic.privacy.policyUrl, version: PRIVACY_CONSENT_VERSION }
      : null,
  };
}

/** The away message for a patient writing in `lang`: the clinic's own, else the default. */
export function awayText(clinic: Clinic, lang: Locale | undefined): string {
  const { lang: language, words } = wordsFor(clinic, lang);
  return clinic.texts[language]?.away || words.away;
}
