/**
 * Only a verified identity joins a patient's histories across devices (issue 10 §4). A
 * device whose `visitor:identify` carries a validly signed patient id that another visitor
 * of the clinic already holds moves onto that visitor: its threads join the patient's
 * (store/verified-patients.ts `moveThreads`, so staff see one patient with both devices'
 * threads, and the device's unsent messages still reach their threads once), its contact
 * for notices and its consent where the patient had none, and it gets a token issued like
 * a resume link's (`visitors.issueFor`) — the one way a browser joins a visitor. What is
 * left of its own visitor is removed, so erasing the patient leaves nothing of either
 * device. An e-mail or phone the patient typed never gets here.
 */
import type { ClinicId } from '../../protocol/ids.ts';
import { ClientError } from '../errors.ts';
import type { Stores } from '../store/stores.ts';
import type { ThreadMeta } from '../store/thread-meta.ts';
import type { Visitor } from '../store/visitor-store.ts';
import { senderCounterKeys, visitorSender } from './sender-limiter.ts';
import { keys } from '../store/keys.ts';
import { notifyKeys } from '../notify/notify-keys.ts';

export interface JoinedPatient {
  /** The visitor holding the patient's history: this one, or the one it moved onto. */
  patient: Visitor['id'];
  /** For the device to use from now on when it moved onto another visitor; else null. */
  token: string | null;
  /** The device's threads that joined the patient's. */
  moved: ThreadMeta[];
}

export async function joinVerifiedPatient(stores: Stores, visitor: Visitor, patientId: string): Promise<JoinedPatient> {
  const { clinicId, id } = visitor;
  const stays: JoinedPatient = { patient: id, token: null, moved: [] };
  const { verifiedId } = await stores.visitors.profile(id, 'en');
  // A browser that holds one verified patient's history never carries it into another's.
  if (verifiedId && verifiedId !== patientId) throw new ClientError('BAD_REQUEST', { path: '/patientId', reason: 'this browser holds another patient' });

  const holder = await stores.verifiedPatients.claim(clinicId, patientId, id);
  const holderGone = holder !== id && !(await stores.visitors.belongsTo(holder, clinicId));
  if (holderGone) await stores.verifiedPatients.replace(clinicId, patientId, id);
  if (holder === id || holderGone) {
    // The index names this visitor now: keep it like one who wrote, so it never expires unused under the index.
    await stores.visitors.keep(visitor);
    return stays;
  }

  const moved = await stores.verifiedPatients.moveThreads(id, holder);
  await adoptDetails(stores, id, holder);
  const issued = await stores.visitors.issueFor(holder, clinicId);
  // The patient was erased in the meantime: this device asks again and becomes the holder.
  if (!issued) throw new ClientError('UNAVAILABLE');
  await removeVisitor(stores, clinicId, id);
  return { patient: holder, token: issued.token, moved };
}

/** The device's contact for notices and its consent, where the patient gave none. */
async function adoptDetails(stores: Stores, from: Visitor['id'], to: Visitor['id']): Promise<void> {
  const [contact, theirs, consent, ownConsent] = await Promise.all([
    stores.contacts.getPatientContact(from),
    stores.contacts.getPatientContact(to),
    stores.consents.get(from),
    stores.consents.get(to),
  ]);
  if (contact && !theirs) await stores.contacts.setPatientContact(to, contact, { version: contact.consentVersion, at: contact.consentAt });
  if (consent && !ownConsent) await stores.consents.record(to, consent);
}

/**
 * Its search words, contact, access-log pseudonym (entries about it keep their thread,
 * now the patient's), tokens (the device holds the new one) and resume codes (a link sent
 * for it then reads as expired), sender counters and record: what an erasure of the
 * patient would no longer find.
 */
async function removeVisitor(stores: Stores, clinicId: ClinicId, id: Visitor['id']): Promise<void> {
  await stores.search.forgetPatient(clinicId, id);
  await stores.contacts.withdrawPatientContact(id);
  await stores.accessLog.forget(clinicId, [id]);
  await stores.verifiedPatients.removeVisitor(id, senderCounterKeys(visitorSender(id)), [keys.visitorByToken(''), notifyKeys.resumeCode('')]);
}
