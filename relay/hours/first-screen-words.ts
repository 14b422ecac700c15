/**
 * The first screen's default words (issue 13 §3), per language: the relay words them so
 * the widget's bundle carries none. A clinic's own emergency notice and away message
 * (ClinicTexts) replace the defaults; the consent label is the text whose version
 * (PRIVACY_CONSENT_VERSION) the relay records: change it, change the version.
 */
import type { Locale } from '../../protocol/locales.ts';

/** Where a Russian weekday's "on Monday" needs its own case: "в понедельник", "во вторник", "в среду"… (0 = Monday). */
const RU_ON_DAY = ['в понедельник', 'во вторник', 'в среду', 'в четверг', 'в пятницу', 'в субботу', 'в воскресенье'];
const EN_DAY = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export interface FirstScreenWords {
  emergency: string;
  away: string;
  replyWithin(minutes: number): string;
  /** Open, but no reply time known yet (a new clinic without replies, and none set). */
  openNow: string;
  /** `daysAhead` 0 today, 1 tomorrow, else the weekday (0 = Monday); `time` like "8:00". */
  closedUntil(time: string, daysAhead: number, weekday: number): string;
  consent: string;
  policy: string;
}

export const FIRST_SCREEN_WORDS: Record<Locale, FirstScreenWords> = {
  en: {
    emergency: 'Not for emergencies — call 103 or 112',
    away: 'Thank you for your message! We are closed now and will answer when we open.',
    replyWithin: (minutes) => `We reply within ~${minutes} min`,
    openNow: 'We are online now',
    closedUntil: (time, daysAhead, weekday) =>
      `We're closed now — we'll answer from ${time} ${daysAhead === 0 ? 'today' : daysAhead === 1 ? 'tomorrow' : `on ${EN_DAY[weekday]}`}`,
    consent: 'I agree to the processing of my personal and health data to answer my questions',
    policy: 'Privacy policy',
  },
  ru: {
    emergency: 'Не для экстренных случаев — звоните 103 или 112',
    away: 'Спасибо за сообщение! Сейчас мы не работаем и ответим, как только откроемся.',
    replyWithin: (minutes) => `Отвечаем в течение ~${minutes} мин`,
    openNow: 'Мы на связи',
    closedUntil: (time, daysAhead, weekday) =>
      `Сейчас мы закрыты — ответим ${daysAhead === 0 ? 'сегодня' : daysAhead === 1 ? 'завтра' : RU_ON_DAY[weekday]} с ${time}`,
    consent: 'Я согласен(на) на обработку моих персональных данных и данных о здоровье, чтобы мне ответили',
    policy: 'Политика конфиденциальности',
  },
};
