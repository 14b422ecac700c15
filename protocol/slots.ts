/**
 * Which conversation a patient means before it has a thread id: the clinic's general one,
 * or one with a doctor. A patient has at most one not-closed thread per slot (the relay's
 * `thread:open` gets or creates it). No runtime dependencies.
 */
import type { ThreadKind } from './constants.ts';
import type { StaffId } from './stream-ids.ts';

export type ThreadSlot = { kind: 'general' } | { kind: 'doctor'; doctorId: StaffId };

/** A string naming the slot, for maps and comparisons. */
export function slotKey(slot: ThreadSlot): string {
  return slot.kind === 'doctor' ? `doctor:${slot.doctorId}` : 'general';
}

/** Whether a thread belongs to the slot. */
export function sameSlot(slot: ThreadSlot, thread: { kind: ThreadKind; doctor: { id: StaffId } | null }): boolean {
  return slot.kind === thread.kind && (slot.kind === 'general' || slot.doctorId === thread.doctor?.id);
}
