/** What the schema cannot say about a weekly schedule: a zone Intl knows, and intervals in order. */
import { scheduleProblem, type WeekSchedule } from '../../protocol/first-screen.ts';
import { ClientError } from '../errors.ts';
import { isTimeZone } from './week-schedule.ts';

/** Throws BAD_REQUEST naming the field (`/schedule/...`) for a schedule the relay cannot use; absent or null passes. */
export function checkSchedule(schedule: WeekSchedule | null | undefined): void {
  if (!schedule) return;
  if (!isTimeZone(schedule.timeZone)) throw new ClientError('BAD_REQUEST', { path: '/schedule/timeZone', reason: 'not an IANA time zone' });
  const problem = scheduleProblem(schedule);
  if (problem) throw new ClientError('BAD_REQUEST', { path: `/schedule${problem.path}`, reason: problem.reason });
}
