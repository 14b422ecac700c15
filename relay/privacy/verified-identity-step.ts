/**
 * Erasing a patient removes the clinic's verified patient id from the index that joins
 * devices to the patient's history (store/verified-patients.ts): runs before the
 * patient's records step, since the visitor's hash is where the id is read from.
 */
import type { RelayRedis } from '../store/redis-client.ts';
import { createVerifiedPatients } from '../store/verified-patients.ts';
import type { ErasureStep } from './erasure-step.ts';

export function verifiedIdentityStep(redis: RelayRedis): ErasureStep {
  const index = createVerifiedPatients(redis);
  return {
    name: 'verified-identity',
    erasePatient: (clinicId, visitorId) => index.forget(clinicId, visitorId),
  };
}
