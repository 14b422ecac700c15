import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRIVACY_CONSENT_VERSION, type WeekSchedule } from '../../protocol/first-screen.ts';
import { isTimeZone, openState, wallClock } from './week-schedule.ts';
import { firstScreen } from './first-screen.ts';
import type { Clinic } from '../store/clinic-store.ts';

const h = (hours: number, minutes = 0) => hours * 60 + minutes;
/** Mon–Fri 8:00–21:00, Saturday 10:00–14:00, Sunday off. */
const weekdays = (timeZone: string): WeekSchedule => ({
  timeZone,
  days: [0, 1, 2, 3, 4].map(() => [{ from: h(8), to: h(21) }]).concat([[{ from: h(10), to: h(14) }], []]),
});

test('open and closed follow the clinic’s own zone, not the relay’s', () => {
  // 2026-03-02 is a Monday. 05:30 UTC is 08:30 in Moscow (UTC+3) and 06:30 in Berlin (UTC+1).
  const at = Date.UTC(2026, 2, 2, 5, 30);
  assert.deepEqual(wallClock('Europe/Moscow', at), { day: 0, minute: h(8, 30), offset: 180 });
  assert.equal(openState(weekdays('Europe/Moscow'), at).open, true);
  const berlin = openState(weekdays('Europe/Berlin'), at);
  assert.equal(berlin.open, false);
  assert.deepEqual(berlin.next, { daysAhead: 0, weekday: 0, minute: h(8) });
  assert.equal(berlin.until, Date.UTC(2026, 2, 2, 7, 0), 'opens at 8:00 Berlin time, 07:00 UTC');
});

test('closed at night opens “tomorrow”; on Saturday afternoon the next opening is Monday, past the day off', () => {
  const moscow = weekdays('Europe/Moscow');
  // Tuesday 22:00 in Moscow.
  const night = openState(moscow, Date.UTC(2026, 2, 3, 19, 0));
  assert.deepEqual(night.next, { daysAhead: 1, weekday: 2, minute: h(8) });
  // Saturday 15:00 in Moscow: Sunday is off.
  const saturday = openState(moscow, Date.UTC(2026, 2, 7, 12, 0));
  assert.equal(saturday.open, false);
  assert.deepEqual(saturday.next, { daysAhead: 2, weekday: 0, minute: h(8) });
  assert.equal(saturday.until, Date.UTC(2026, 2, 9, 5, 0));
  // Open: until is the closing time.
  assert.equal(openState(moscow, Date.UTC(2026, 2, 7, 8, 0)).until, Date.UTC(2026, 2, 7, 11, 0), 'Saturday closes at 14:00');
});

test('a DST switch between now and the next opening moves nothing on the wall clock', () => {
  const berlin = weekdays('Europe/Berlin');
  // Saturday 2026-03-28 20:00 CET (UTC+1); clocks go forward on Sunday 29 March; Monday opens 8:00 CEST (UTC+2) = 06:00 UTC.
  const spring = openState(berlin, Date.UTC(2026, 2, 28, 19, 0));
  assert.deepEqual(spring.next, { daysAhead: 2, weekday: 0, minute: h(8) });
  assert.equal(spring.until, Date.UTC(2026, 2, 30, 6, 0));
  // Autumn: back on Sunday 25 October; Monday 8:00 CET = 07:00 UTC.
  const autumn = openState(berlin, Date.UTC(2026, 9, 24, 19, 0));
  assert.equal(autumn.until, Date.UTC(2026, 9, 26, 7, 0));
});

test('hours up to midnight that the next day continues are one stretch; a week with no hours never opens', () => {
  const nights: WeekSchedule = { timeZone: 'UTC', days: [[{ from: h(20), to: h(24) }], [{ from: 0, to: h(2) }], [], [], [], [], []] };
  const monday23 = openState(nights, Date.UTC(2026, 2, 2, 23, 0));
  assert.equal(monday23.open, true);
  assert.equal(monday23.until, Date.UTC(2026, 2, 3, 2, 0), 'closes Tuesday 2:00, not at midnight');
  const never = openState({ timeZone: 'UTC', days: [[], [], [], [], [], [], []] }, Date.UTC(2026, 2, 2));
  assert.deepEqual(never, { open: false, until: null, next: null });
  assert.equal(isTimeZone('Europe/Moscow'), true);
  assert.equal(isTimeZone('Mars/Olympus_Mons'), false);
});

test('the first screen says “tomorrow” or the weekday in the widget’s language, and the reply time when open', () => {
  const clinic = {
    locale: 'ru',
    texts: {},
    officeHours: null,
    schedule: weekdays('Europe/Moscow'),
    privacy: { consentRequired: false, policyUrl: null },
  } as unknown as Clinic;
  const tuesdayNight = Date.UTC(2026, 2, 3, 19, 0);
  assert.equal(firstScreen(clinic, 'en', tuesdayNight, 5).hours?.text, "We're closed now — we'll answer from 8:00 tomorrow");
  assert.equal(firstScreen(clinic, 'ru', tuesdayNight, 5).hours?.text, 'Сейчас мы закрыты — ответим завтра с 8:00');
  const saturday = Date.UTC(2026, 2, 7, 12, 0);
  assert.equal(firstScreen(clinic, 'en', saturday, 5).hours?.text, "We're closed now — we'll answer from 8:00 on Monday");
  assert.equal(firstScreen(clinic, 'ru', saturday, 5).hours?.text, 'Сейчас мы закрыты — ответим в понедельник с 8:00');
  const open = firstScreen(clinic, 'en', Date.UTC(2026, 2, 3, 9, 0), 7);
  assert.deepEqual(open.hours, { open: true, text: 'We reply within ~7 min' });
  assert.equal(open.emergency, 'Not for emergencies — call 103 or 112');
  assert.equal(firstScreen(clinic, 'ru', saturday, null).emergency, 'Не для экстренных случаев — звоните 103 или 112');
  assert.equal(open.privacy, null, 'no consent asked');
  const noHours = { ...clinic, schedule: { timeZone: 'UTC', days: [[], [], [], [], [], [], []] } } as Clinic;
  assert.equal(firstScreen(noHours, 'en', saturday, 5).hours, null, 'a week without any hours promises nothing');
  const asking = { ...clinic, privacy: { consentRequired: true, policyUrl: 'https://clinic.example/privacy' } } as Clinic;
  assert.deepEqual(firstScreen(asking, 'ru', saturday, null).privacy, {
    text: 'Я согласен(на) на обработку моих персональных данных и данных о здоровье, чтобы мне ответили',
    link: 'Политика конфиденциальности',
    url: 'https://clinic.example/privacy',
    version: PRIVACY_CONSENT_VERSION,
  });
});

test('patients are told open or closed only from a schedule the clinic set, never from free text read in the relay’s zone', () => {
  const freeText = {
    locale: 'en',
    texts: {},
    officeHours: 'Mon-Fri 9:00-18:00',
    schedule: null,
    privacy: { consentRequired: false, policyUrl: null },
  } as unknown as Clinic;
  assert.equal(firstScreen(freeText, 'en', Date.UTC(2026, 2, 3, 3, 0), 5).hours, null);
});
