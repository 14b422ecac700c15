/**
 * What the patient panel shows: the profile of each conversation's patient and the
 * patient's threads this staff member may read (earlier ones and other kinds), asked for
 * when the conversation is opened (`patient:get`) and again after a reconnect.
 */
import type { ThreadId } from '../../protocol/ids.ts';
import type { StaffThread } from '../../protocol/model.ts';
import type { PatientProfile } from '../../protocol/requests.ts';
import { asClientError, type ClientErrorCode } from '../../widget/client/client-core.ts';
import { Observable } from './observable.ts';

export type ProfileEntry =
  { state: 'loading' } | { state: 'ready'; profile: PatientProfile; threads: StaffThread[] } | { state: 'failed'; error: ClientErrorCode };

export class PatientProfiles extends Observable {
  readonly #entries = new Map<ThreadId, ProfileEntry>();

  constructor(private readonly fetchProfile: (threadId: ThreadId) => Promise<{ patient: PatientProfile; threads: StaffThread[] }>) {
    super();
  }

  get(threadId: ThreadId): ProfileEntry | undefined {
    return this.#entries.get(threadId);
  }

  async load(threadId: ThreadId): Promise<void> {
    if (!this.#entries.has(threadId)) {
      this.#entries.set(threadId, { state: 'loading' });
      this.changed();
    }
    try {
      const { patient, threads } = await this.fetchProfile(threadId);
      this.#entries.set(threadId, { state: 'ready', profile: patient, threads });
    } catch (error) {
      // Keep a profile already shown; a failed refresh does not make it wrong.
      if (this.#entries.get(threadId)?.state !== 'ready') this.#entries.set(threadId, { state: 'failed', error: asClientError(error).code });
    }
    this.changed();
  }
}
