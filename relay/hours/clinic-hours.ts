/**
 * The one answer to "is the clinic open now?" (issue 13 §3): the clinic's weekly schedule
 * in its time zone, or, for a clinic that has set none, its free-text office hours read
 * by notify/office-hours.ts in the relay's own time zone (how clinics stored before the
 * schedule were read). Staff alerts at night, the report's "answered within office hours",
 * the widget's first screen and the away message all ask here. What patients are told
 * ("closed — we'll answer from 8:00", the away message) rests only on a schedule the clinic
 * set, whose zone is known (`patientOpenState`): a guess from free text read in the relay's
 * zone may mute an alert, never speak to a patient.
 */
import type { WeekSchedule } from '../../protocol/first-screen.ts';
import { parseOfficeHours } from '../notify/office-hours.ts';
import type { Clinic } from '../store/clinic-store.ts';
import { openState, type OpenState } from './week-schedule.ts';

/** The relay's own zone: what free-text hours were always read in. */
const RELAY_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The clinic's week, or null when it has neither a schedule nor readable free-text hours. */
export function clinicSchedule(clinic: Pick<Clinic, 'schedule' | 'officeHours'>): WeekSchedule | null {
  if (clinic.schedule) return clinic.schedule;
  const week = parseOfficeHours(clinic.officeHours);
  if (!week) return null;
  // office-hours.ts counts from Sunday (Date#getDay); the schedule from Monday.
  return { timeZone: RELAY_ZONE, days: [1, 2, 3, 4, 5, 6, 0].map((day) => week[day]!.map(([from, to]) => ({ from, to }))) };
}

/** The clinic's state at `at`, or null when its hours are unknown (then it is never "closed"). */
export function clinicOpenState(clinic: Pick<Clinic, 'schedule' | 'officeHours'>, at: number): OpenState | null {
  const schedule = clinicSchedule(clinic);
  return schedule ? openState(schedule, at) : null;
}

/** True only when the clinic's hours are known and `at` falls outside them: unknown hours never mute an alert. */
export function isOutsideOfficeHours(clinic: Pick<Clinic, 'schedule' | 'officeHours'>, at: number): boolean {
  return clinicOpenState(clinic, at)?.open === false;
}

/** The state patients are told about: only from the clinic's own schedule (null without one). */
export function patientOpenState(clinic: Pick<Clinic, 'schedule'>, at: number): OpenState | null {
  return clinic.schedule ? openState(clinic.schedule, at) : null;
}
