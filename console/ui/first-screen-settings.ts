/**
 * The clinic settings' part for the widget's first screen (issue 13 §3): office hours as a
 * week in the clinic's time zone, "We reply within", the consent box and its policy link,
 * and per language the emergency notice and the away message. Fields of the settings
 * dialog's own form (clinic-settings.ts renders them and reads them back on save); the
 * relay checks the zone and the order of the hours (BAD_REQUEST naming `/schedule`).
 */
import { html } from 'lit';
import { LIMITS } from '../../protocol/limits.ts';
import type { ClinicTexts, LanguageTexts } from '../../protocol/clinic-texts.ts';
import type { Opening, WeekSchedule } from '../../protocol/first-screen.ts';
import type { ClinicSettings, ClinicUpdate } from '../../protocol/requests.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import '../i18n/first-screen-words.ts';

const DAYS = [0, 1, 2, 3, 4, 5, 6] as const;
const DAY_MINUTES = 24 * 60;
/** As protocol/first-screen.ts allows. */
const REPLY_MINUTES_MAX = DAY_MINUTES;
const NOTICE_MAX = LIMITS.shortTextMax * 5;
/** One day's hours: "9:00–18:00", several separated by commas, or empty for a day off. */
const INTERVAL = String.raw`\d{1,2}:\d{2}\s*[\-–—]\s*\d{1,2}:\d{2}`;
const DAY_PATTERN = String.raw`\s*(${INTERVAL}(\s*,\s*${INTERVAL})*)?\s*`;
const NOTICE_LABELS = {
  ru: ['firstScreen.emergencyRu', 'firstScreen.awayRu'],
  en: ['firstScreen.emergencyEn', 'firstScreen.awayEn'],
} as const satisfies Record<keyof ClinicTexts, readonly [MessageKey, MessageKey]>;

const clock = (minute: number) => `${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, '0')}`;
const dayText = (openings: readonly Opening[]) => openings.map(({ from, to }) => `${clock(from)}–${clock(to)}`).join(', ');

/** "9:00–13:00, 14:00–18:00" → openings; the input's pattern has checked the shape. */
function openings(text: string): Opening[] {
  return [...text.matchAll(/(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})/g)].map(([, h1, m1, h2, m2]) => ({
    from: Number(h1) * 60 + Number(m1),
    to: Number(h2) * 60 + Number(m2),
  }));
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function firstScreenFields(clinic: ClinicSettings) {
  const { schedule, privacy } = clinic;
  return html`<fieldset>
      <legend>${t('firstScreen.schedule')}</legend>
      <label class="check"><input type="checkbox" name="scheduleOn" .checked=${schedule !== null}> ${t('firstScreen.scheduleOn')}</label>
      <label for="clinic-zone">${t('firstScreen.timeZone')}</label>
      <input id="clinic-zone" name="timeZone" list="clinic-zones" maxlength="64" .value=${schedule?.timeZone ?? browserZone()}>
      <datalist id="clinic-zones">${Intl.supportedValuesOf('timeZone').map((zone) => html`<option value=${zone}></option>`)}</datalist>
      <p class="hint" id="clinic-days-hint">${t('firstScreen.dayHint')}</p>
      ${DAYS.map(
        (day) => html`<label for="clinic-day-${day}">${t(`firstScreen.day${day}`)}</label>
          <input id="clinic-day-${day}" name="day-${day}" pattern=${DAY_PATTERN} aria-describedby="clinic-days-hint" .value=${dayText(schedule?.days[day] ?? [])}>`,
      )}
      <label for="clinic-reply">${t('firstScreen.replyMinutes')}</label>
      <p class="hint" id="clinic-reply-hint">${t('firstScreen.replyMinutesHint')}</p>
      <input id="clinic-reply" name="replyMinutes" type="number" min="1" max=${REPLY_MINUTES_MAX} step="1" aria-describedby="clinic-reply-hint"
        .value=${clinic.replyMinutes === null ? '' : String(clinic.replyMinutes)}>
    </fieldset>
    <fieldset>
      <legend>${t('firstScreen.privacy')}</legend>
      <label class="check"><input type="checkbox" name="consentRequired" .checked=${privacy.consentRequired}> ${t('firstScreen.consentRequired')}</label>
      <label for="clinic-policy">${t('firstScreen.policyUrl')}</label>
      <input id="clinic-policy" name="policyUrl" type="url" pattern="https?://.+" maxlength=${LIMITS.pageUrlMax} .value=${privacy.policyUrl ?? ''}>
    </fieldset>`;
}

/** A language's emergency notice and away message, inside that language's texts. */
export function noticeFields(lang: keyof ClinicTexts, texts: LanguageTexts) {
  const [emergency, away] = NOTICE_LABELS[lang];
  return html`<p class="hint">${t('firstScreen.noticesHint')}</p>
    <label for="clinic-emergency-${lang}">${t(emergency)}</label>
    <textarea id="clinic-emergency-${lang}" name="emergency-${lang}" maxlength=${NOTICE_MAX} .value=${texts.emergency ?? ''}></textarea>
    <label for="clinic-away-${lang}">${t(away)}</label>
    <textarea id="clinic-away-${lang}" name="away-${lang}" maxlength=${NOTICE_MAX} .value=${texts.away ?? ''}></textarea>`;
}

/** The form's first-screen settings, as `clinic:update` takes them. */
export function firstScreenChanges(data: FormData): Pick<ClinicUpdate, 'schedule' | 'replyMinutes' | 'privacy'> {
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const schedule: WeekSchedule | null = data.has('scheduleOn')
    ? { timeZone: text('timeZone') || browserZone(), days: DAYS.map((day) => openings(text(`day-${day}`))) }
    : null;
  return {
    schedule,
    replyMinutes: text('replyMinutes') ? Number(text('replyMinutes')) : null,
    privacy: { consentRequired: data.has('consentRequired'), policyUrl: text('policyUrl') || null },
  };
}

/** A language's notices from the form: an empty field is none of its own (the relay's default is shown). */
export function noticeTexts(data: FormData, lang: keyof ClinicTexts): Pick<LanguageTexts, 'emergency' | 'away'> {
  const text = (name: string) => String(data.get(name) ?? '').trim() || undefined;
  return { emergency: text(`emergency-${lang}`), away: text(`away-${lang}`) };
}
