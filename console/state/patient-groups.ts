/**
 * One inbox row per patient (issue 12 §2): a patient's threads in a list fold into the
 * first of them in the list's order (the one the view puts forward), the others a click away.
 */
import type { StaffThread } from '../../protocol/model.ts';
import type { VisitorId } from '../../protocol/ids.ts';

export interface PatientGroup {
  head: StaffThread;
  /** The patient's other threads in this list, in its order. */
  others: StaffThread[];
}

export function groupByPatient(ordered: readonly StaffThread[]): PatientGroup[] {
  const groups = new Map<VisitorId, PatientGroup>();
  for (const thread of ordered) {
    const group = groups.get(thread.patient.id);
    if (group) group.others.push(thread);
    else groups.set(thread.patient.id, { head: thread, others: [] });
  }
  return [...groups.values()];
}
