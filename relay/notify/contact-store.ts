/**
 * Where notices go: a patient's contact and consent (per visitor), and each staff
 * member's alert settings. Values arrive checked and normalised (protocol/contact.ts);
 * this store only keeps them. Both are hashes, so a later field is one HSET away.
 */
import type { Redis } from 'ioredis';
import type { NormalizedContact } from '../../protocol/contact.ts';
import type { PatientContact, StaffAlertSettings } from '../../protocol/contact-schema.ts';
import type { StaffId, VisitorId } from '../../protocol/stream-ids.ts';
import { notifyKeys } from './notify-keys.ts';

export interface ContactStore {
  /** Replaces the patient's contact as a whole: a field left out of a change is removed. */
  setPatientContact(visitorId: VisitorId, contact: NormalizedContact, consent: { version: string; at: number }): Promise<PatientContact>;
  getPatientContact(visitorId: VisitorId): Promise<PatientContact | null>;
  /** Withdrawn consent keeps nothing: the address and the consent go together. */
  withdrawPatientContact(visitorId: VisitorId): Promise<void>;
  /** Null: never set; the caller applies the clinic's default (alerts to the sign-in e-mail). */
  getStaffAlerts(staffId: StaffId): Promise<StaffAlertSettings | null>;
  setStaffAlerts(staffId: StaffId, settings: StaffAlertSettings): Promise<void>;
}

// Hash fields hold strings; an empty one means null.
const field = (value: string | null) => value ?? '';
const nullable = (value: string | undefined) => (value ? value : null);

export function createContactStore(redis: Redis): ContactStore {
  return {
    async setPatientContact(visitorId, contact, consent) {
      const stored: PatientContact = { email: contact.email, phone: contact.phone, consentVersion: consent.version, consentAt: consent.at };
      const key = notifyKeys.visitorContact(visitorId);
      await redis.multi()
        .del(key)
        .hset(key, { email: field(stored.email), phone: field(stored.phone), consentVersion: stored.consentVersion, consentAt: String(stored.consentAt) })
        .exec();
      return stored;
    },
    async getPatientContact(visitorId) {
      const hash = await redis.hgetall(notifyKeys.visitorContact(visitorId));
      if (!hash.consentVersion) return null;
      return { email: nullable(hash.email), phone: nullable(hash.phone), consentVersion: hash.consentVersion, consentAt: Number(hash.consentAt) };
    },
    async withdrawPatientContact(visitorId) {
      await redis.del(notifyKeys.visitorContact(visitorId));
    },
    async getStaffAlerts(staffId) {
      const hash = await redis.hgetall(notifyKeys.staffAlerts(staffId));
      if (!hash.alerts) return null;
      return { alerts: hash.alerts === '1', email: nullable(hash.email), phone: nullable(hash.phone), escalation: hash.escalation === '1' };
    },
    async setStaffAlerts(staffId, settings) {
      await redis.hset(notifyKeys.staffAlerts(staffId), {
        alerts: settings.alerts ? '1' : '0',
        email: field(settings.email),
        phone: field(settings.phone),
        escalation: settings.escalation ? '1' : '0',
      });
    },
  };
}
