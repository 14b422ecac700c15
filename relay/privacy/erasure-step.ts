/**
 * One part of erasing patient data (issue 10 §5). The relay runs its steps in order for
 * threads (a retention job erases idle ones) and for a whole patient (the owner's
 * erasure, which first erases every thread of the patient). A part of the relay that
 * keeps its own copies — files of attachments, search index entries — registers one step
 * (`PatientErasure.register`) instead of being called from here.
 */
import type { ClinicId, ThreadId, VisitorId } from '../../protocol/ids.ts';
import type { ThreadMeta } from '../store/thread-meta.ts';

export interface ErasureStep {
  /** For logs: which step failed. */
  name: string;
  /** Removes what this step keeps of these threads (their metas are read before any step runs). */
  eraseThreads?(clinicId: ClinicId, threads: readonly ThreadMeta[]): Promise<void>;
  /** Removes what this step keeps of the patient beyond their threads; runs after every `eraseThreads`. */
  erasePatient?(clinicId: ClinicId, visitorId: VisitorId): Promise<void>;
}

/** What a scrub of shared streams looks for: every id that would tie an entry to the patient. */
export const needlesOf = (visitorId: VisitorId | null, threadIds: readonly ThreadId[]): string[] =>
  [...(visitorId ? [visitorId] : []), ...threadIds].filter(Boolean);
