/**
 * The rules of a booking request's fields (issue 13 §3), plain code with no dependencies
 * so the widget may check before sending what the relay checks again. Each problem has its
 * own code: the form says which field is wrong.
 */
export const BOOKING_OUTCOMES = ['confirmed', 'declined'] as const;
export type BookingOutcome = (typeof BOOKING_OUTCOMES)[number];

/** How far ahead a visit may be asked for. */
export const BOOKING_DAYS_AHEAD_MAX = 366;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;

export type BookingProblem = 'BOOKING_DAY_INVALID' | 'BOOKING_TIME_INVALID';

/**
 * A real calendar day from yesterday (the patient's today may be the relay's yesterday, a
 * time zone away) to a year ahead, and a time of day; null when both are fine.
 */
export function bookingProblem(day: string, time: string, now: number): BookingProblem | null {
  const match = DAY.exec(day);
  const at = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  const real = match && new Date(at).toISOString().slice(0, 10) === day;
  if (!real || at < now - 2 * DAY_MS || at > now + BOOKING_DAYS_AHEAD_MAX * DAY_MS) return 'BOOKING_DAY_INVALID';
  return TIME.test(time) ? null : 'BOOKING_TIME_INVALID';
}
