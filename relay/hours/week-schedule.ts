/**
 * "Is the clinic open now, and when does that change?" for a weekly schedule in the
 * clinic's time zone (protocol/first-screen.ts), with Intl's time-zone data: no package.
 * Wall-clock times are compared in the zone, so a DST change moves no opening; the instant
 * of the next change is found by walking wall-clock minutes and correcting for the zone's
 * offset there.
 */
import type { WeekSchedule } from '../../protocol/first-screen.ts';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
/** A week and a day: the next opening of any schedule with one is within it. */
const LOOK_AHEAD_DAYS = 8;
const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** Formatters are costly to build: one per zone, for the relay's lifetime (a few hundred zones at most). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether Intl knows the zone (the schema only checks its shape). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    // RangeError: an unknown zone. That is the answer, not a failure.
    return false;
  }
}

/** The wall clock in `timeZone` at `at`: ISO weekday index (0 = Monday), minute of the day, and its offset from UTC in minutes. */
export function wallClock(timeZone: string, at: number): { day: number; minute: number; offset: number } {
  const parts: Record<string, string> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(at)) parts[type] = value;
  const minute = Number(parts.hour) * 60 + Number(parts.minute);
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), 0, minute);
  return { day: WEEKDAYS[parts.weekday!]!, minute, offset: Math.round((asUtc - Math.floor(at / MINUTE_MS) * MINUTE_MS) / MINUTE_MS) };
}

export interface OpenState {
  open: boolean;
  /** When `open` flips next (ms), or null for a schedule that never opens. */
  until: number | null;
  /** When closed, the next opening: whole days ahead of today in the clinic's zone (0 today, 1 tomorrow …) and its minute of the day. */
  next: { daysAhead: number; weekday: number; minute: number } | null;
}

/** Whether the clinic is open at `at`, and when that changes. */
export function openState(schedule: WeekSchedule, at: number): OpenState {
  const now = wallClock(schedule.timeZone, at);
  const isOpen = (day: number, minute: number) => schedule.days[day % 7]!.some(({ from, to }) => minute >= from && minute < to);
  const open = isOpen(now.day, now.minute);
  // Boundaries from now on, in wall-clock minutes ahead: where an interval starts (closed → open) or ends.
  for (let ahead = 0; ahead < LOOK_AHEAD_DAYS; ahead++) {
    const day = (now.day + ahead) % 7;
    for (const { from, to } of schedule.days[day]!) {
      const edge = open ? to : from;
      if (ahead === 0 && edge <= now.minute) continue;
      // An interval ending at midnight that the next day continues from 0:00 is no change.
      if (open && edge === DAY_MINUTES && isOpen(day + 1, 0)) continue;
      const wallMinutes = ahead * DAY_MINUTES + edge - now.minute;
      return {
        open,
        until: instantAfter(schedule.timeZone, at, now.offset, wallMinutes),
        next: open ? null : { daysAhead: ahead, weekday: day, minute: from },
      };
    }
  }
  return { open, until: null, next: null };
}

/**
 * The instant `wallMinutes` of wall-clock time after `at`: the same span in UTC, corrected
 * by the change of the zone's offset in between (a DST switch), checked once more at the
 * corrected instant. A wall time skipped by a switch forward lands at the switch.
 */
function instantAfter(timeZone: string, at: number, offset: number, wallMinutes: number): number {
  const start = Math.floor(at / MINUTE_MS) * MINUTE_MS;
  let guess = start + wallMinutes * MINUTE_MS;
  for (let i = 0; i < 2; i++) guess = start + (wallMinutes - (wallClock(timeZone, guess).offset - offset)) * MINUTE_MS;
  return guess;
}
