/**
 * The patient's side of the first screen (issue 13 §3): consent before the first message,
 * and the away message outside office hours.
 *
 * Hot-path cost: the consent a socket's `session` reported (read once per connection,
 * beside the contact) is remembered on the socket, so a consented patient's message costs
 * no Redis command here; only a socket without it reads the visitor's field once more
 * (another tab may have consented) before refusing. The away message costs nothing in
 * office hours (the schedule is in the cached clinic) and, outside them, one change script
 * per connection: the thread's `awayUntil` field makes it once per closed period, however
 * many tabs or relays the patient writes from.
 */
import { PRIVACY_CONSENT_VERSION } from '../../../protocol/first-screen.ts';
import type { Locale } from '../../../protocol/locales.ts';
import { ClientError } from '../../errors.ts';
import { reportFailure } from '../../failure.ts';
import { patientOpenState } from '../../hours/clinic-hours.ts';
import { awayText } from '../../hours/first-screen.ts';
import type { ThreadMeta } from '../../store/thread-store.ts';
import { anyone } from '../event-router.ts';
import type { VisitorContext } from '../namespaces.ts';
import type { VisitorRoutes } from './visitor-conversation.ts';

/** What one visitor socket remembers about the first screen. */
export interface PatientSession {
  /** The widget's language (the handshake's), for the away message. */
  lang: Locale | undefined;
  /** Consent is recorded (known from the session, or recorded on this socket). */
  consented: boolean;
  /** The away message was tried on this socket while closed: at most one attempt per connection (in office hours none is needed). */
  awayChecked: boolean;
}

/** Refuses with CONSENT_REQUIRED, before anything is stored, when the clinic asks for consent and the patient has given none. */
export async function requireConsent({ services, clinic, visitor, patient }: VisitorContext): Promise<void> {
  if (!clinic.privacy.consentRequired || patient.consented) return;
  patient.consented = (await services.stores.consents.get(visitor.id)) !== null;
  if (!patient.consented) throw new ClientError('CONSENT_REQUIRED');
}

/**
 * After the patient's message: outside office hours, the clinic's away message in the
 * thread, once per closed period. Never fails the send (the message is stored already).
 */
export async function awayAfterMessage({ services, clinic, patient }: VisitorContext, thread: ThreadMeta): Promise<void> {
  if (patient.awayChecked) return;
  const state = patientOpenState(clinic, Date.now());
  if (!state || state.open || state.until === null) return;
  patient.awayChecked = true;
  try {
    const result = await services.stores.threads.change(thread.id, { awayUntil: state.until, text: awayText(clinic, patient.lang) });
    if (result.changed && result.message) services.fanOut.message(result.meta, result.message);
  } catch (error) {
    reportFailure(error, services.log, { code: 'RELAY_ERR_AWAY_MESSAGE' });
  }
}

export const consentRoutes: Pick<VisitorRoutes, 'visitor:consent'> = {
  'visitor:consent': {
    access: null,
    allow: anyone,
    async handle({ services: { stores }, visitor, patient }, { version }) {
      // Only the text the relay shows now: a stale page's older wording is not what we record.
      if (version !== PRIVACY_CONSENT_VERSION) throw new ClientError('BAD_REQUEST', { path: '/version', reason: 'not the current consent text' });
      const consent = { version, at: Date.now() };
      // Consent outlives a page view: the visitor is kept like one who wrote.
      await stores.visitors.keep(visitor);
      await stores.consents.record(visitor.id, consent);
      patient.consented = true;
      return { consent };
    },
  },
};
