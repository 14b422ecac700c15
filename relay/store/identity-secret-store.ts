/**
 * Signed identity (issue 10 §4): a clinic whose site knows its signed-in patient passes
 * `visitor:identify { patientId, signature }`, the signature being HMAC-SHA256 of the
 * patient id with the clinic's identity secret (computed on the clinic's server). The
 * secret lives in the clinic's hash (`identitySecret`), made on the owner's first read.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ClinicId } from '../../protocol/ids.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';
import { newSecretToken } from './random-ids.ts';

const FIELD = 'identitySecret';

/** What the clinic's server computes: hex HMAC-SHA256 of the patient id. */
export const signPatientId = (secret: string, patientId: string) => createHmac('sha256', secret).update(patientId).digest('hex');

export function createIdentitySecretStore(redis: RelayRedis) {
  return {
    /** The clinic's secret, made now if it has none (HSETNX: two first reads agree). */
    async secret(clinicId: ClinicId): Promise<string> {
      await redis.hsetnx(keys.clinic(clinicId), FIELD, newSecretToken());
      return (await redis.hget(keys.clinic(clinicId), FIELD))!;
    },

    /** Whether `signature` is the clinic's signature of `patientId`; false while the clinic has no secret. */
    async verify(clinicId: ClinicId, patientId: string, signature: string): Promise<boolean> {
      const secret = await redis.hget(keys.clinic(clinicId), FIELD);
      if (!secret) return false;
      const expected = Buffer.from(signPatientId(secret, patientId), 'hex');
      const given = Buffer.from(signature, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
