/**
 * What may change on a thread, and how each change is stored: the meta field and value the
 * change script (scripts/change-thread.lua) writes, and the system message that records it
 * for both sides, if any.
 */
import type { StreamId } from '../../protocol/ids.ts';
import type { BookingOutcome } from '../../protocol/booking.ts';
import type { Message, StaffRef, SystemEvent, ThreadStatus } from '../../protocol/model.ts';
import type { PatientSolution, ReachedStep } from '../../protocol/review-flow.ts';
import { storedRef, type AudienceFacts, type ThreadMeta } from './thread-meta.ts';

/** What staff change on a thread; status and assignment changes are recorded as system messages. */
export type StaffChange =
  | { status: ThreadStatus }
  | { assignee: StaffRef | null }
  | { complaint: boolean }
  | { steps: ReachedStep[] }
  /** Confirms or declines the booking request `booking` (its message id): once, as field `booking:<id>` of the meta. */
  | { booking: StreamId; outcome: BookingOutcome };

/** One change to a thread: staff's, with who made it, or the patient's new name. */
export type ThreadChange =
  | (StaffChange & { by: StaffRef })
  | { displayName: string }
  | { solution: PatientSolution }
  /** The away message (issue 13 §3): once per closed period, the one that ends at `awayUntil` (ms). */
  | { awayUntil: number; text: string };

export interface ChangeResult {
  /** The thread after the change. */
  meta: ThreadMeta;
  /** What decided its audiences before the change. */
  before: AudienceFacts;
  /** False when the thread already had the value: nothing was written. */
  changed: boolean;
  /** Answered from an earlier attempt with the same action id. */
  duplicate: boolean;
  /** The system message recording the change, if there is one. */
  message: Message | null;
}

/** The stored field, its stored value and the system event that records it, if any. */
export function changeFields(change: ThreadChange): { field: string; value: string; event: SystemEvent | null } {
  if ('status' in change) return { field: 'status', value: change.status, event: { kind: 'status', status: change.status, by: change.by } };
  if ('assignee' in change)
    return { field: 'assignee', value: storedRef(change.assignee), event: { kind: 'assigned', assignee: change.assignee, by: change.by } };
  if ('complaint' in change) return { field: 'complaint', value: change.complaint ? '1' : '0', event: null };
  // Steps and the patient's answer live on the thread (review-flow.ts), not as messages.
  if ('steps' in change) return { field: 'steps', value: JSON.stringify(change.steps), event: null };
  if ('solution' in change) return { field: 'solution', value: JSON.stringify(change.solution), event: null };
  if ('booking' in change)
    return {
      field: `booking:${change.booking}`,
      value: change.outcome,
      event: { kind: 'booking', request: change.booking, outcome: change.outcome, by: change.by },
    };
  if ('awayUntil' in change) return { field: 'awayUntil', value: String(change.awayUntil), event: { kind: 'away', text: change.text } };
  return { field: 'displayName', value: change.displayName, event: null };
}
