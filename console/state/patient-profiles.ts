/**
 * What the patient panel shows: the profile of each conversation's patient, asked for
 * when the conversation is opened (`patient:get`) and again after a reconnect.
 */
import type { ThreadId } from '../../protocol/ids.ts';
import type { PatientProfile } from '../../protocol/requests.ts';
import { asClientError, type ClientErrorCode } from '../../widget/client/client-core.ts';
import { Observable } from './observable.ts';

export type ProfileEntry =
  | { state: 'loading' }
  | { state: 'ready'; profile: PatientProfile }
  | { state: 'failed'; error: ClientErrorCode };

export class PatientProfiles extends Observable {
  readonly #entries = new Map<ThreadId, ProfileEntry>();

  constructor(private readonly fetchProfile: (threadId: ThreadId) => Promise<{ patient: PatientProfile }>) {
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
      const { patient } = await this.fetchProfile(threadId);
      this.#entries.set(threadId, { state: 'ready', profile: patient });
    } catch (error) {
      // Keep a profile already shown; a failed refresh does not make it wrong.
      if (this.#entries.get(threadId)?.state !== 'ready') this.#entries.set(threadId, { state: 'failed', error: asClientError(error).code });
    }
    this.changed();
  }
}
