import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOfficeHours } from './office-hours.ts';
import { isOutsideOfficeHours as outside } from '../hours/clinic-hours.ts';

/** A clinic with only free-text hours (no schedule): read in the relay's zone. */
const isOutsideOfficeHours = (officeHours: string | null, at: Date) => outside({ schedule: null, officeHours }, at.getTime());

/** A local time on a weekday of a known week (2026-03-02 is a Monday). */
const at = (weekday: number, hours: number, minutes = 0) => new Date(2026, 2, 1 + weekday, hours, minutes);

test('Russian and English office hours are read per weekday, ranges and single days alike', () => {
  const week = parseOfficeHours('Пн–Пт 8:00–21:00, Сб 10–16');
  assert.deepEqual(week?.[1], [[480, 1260]]);
  assert.deepEqual(week?.[6], [[600, 960]]);
  assert.deepEqual(week?.[0], []);
  assert.deepEqual(parseOfficeHours('Mon-Fri 9:00-18:00; Sun 10:00-14:00')?.[0], [[600, 840]]);
  assert.equal(
    parseOfficeHours('ежедневно 9:00–21:00')?.every((day) => day.length === 1),
    true,
  );
});

test('outside readable office hours is outside; unreadable or missing hours never mute', () => {
  const hours = 'Пн–Пт 8:00–21:00, Сб–Вс 9:00–18:00';
  assert.equal(isOutsideOfficeHours(hours, at(1, 7, 59)), true);
  assert.equal(isOutsideOfficeHours(hours, at(1, 8, 0)), false);
  assert.equal(isOutsideOfficeHours(hours, at(1, 21, 0)), true);
  assert.equal(isOutsideOfficeHours(hours, at(0, 12)), false);
  for (const unreadable of [null, '', 'Вс — выходной', 'по договорённости', 'Пн–Пт 9:00–25:00']) {
    assert.equal(isOutsideOfficeHours(unreadable, at(1, 3)), false, String(unreadable));
  }
});

test('hours past midnight run into the next day', () => {
  const week = parseOfficeHours('Пт 20:00–02:00');
  assert.equal(isOutsideOfficeHours('Пт 20:00–02:00', at(5, 23)), false);
  assert.equal(isOutsideOfficeHours('Пт 20:00–02:00', at(6, 1, 30)), false);
  assert.equal(isOutsideOfficeHours('Пт 20:00–02:00', at(6, 2, 30)), true);
  assert.deepEqual(week?.[6], [[0, 120]]);
});
