/**
 * Where notices go: a patient's contact and consent (per visitor), and each staff
 * member's alert settings. Values arrive checked and normalised (protocol/contact.ts);
 * this store only keeps them. Both are hashes, so a later field is one HSET away.
 */
import type { Redis } from 'ioredis';
import type { NormalizedContact } from '../../protocol/contact.ts';
import type { PatientContact, StaffAlertSettings } from '../../protocol/contact-schema.ts';
import type { StaffId, VisitorId } from '../../protocol/stream-ids.ts';
import type { ChannelKind } from './channel.ts';
import { notifyKeys } from './notify-keys.ts';

export interface ContactStore {
  /** Replaces the patient's contact as a whole: a field left out of a change is removed. */
  setPatientContact(visitorId: VisitorId, contact: NormalizedContact, consent: { version: string; at: number }): Promise<PatientContact>;
  getPatientContact(visitorId: VisitorId): Promise<PatientContact | null>;
  /** Withdrawn consent keeps nothing: the address and the consent go together. */
  withdrawPatientContact(visitorId: VisitorId): Promise<void>;
  /**
   * The address a clinic invited the patient at (a review conversation, issue 13): used
   * only for resume links (the invitation, a link staff send), never for reply notices,
   * which need the patient's own consent (`setPatientContact`). `consentVersion` reads
   * `INVITED_BY_CLINIC` so nobody mistakes it for one.
   */
  setInvitationContact(visitorId: VisitorId, contact: NormalizedContact, at: number): Promise<PatientContact>;
  getInvitationContact(visitorId: VisitorId): Promise<PatientContact | null>;
  /** Null: never set; the caller applies the clinic's default (alerts to the sign-in e-mail). */
  getStaffAlerts(staffId: StaffId): Promise<StaffAlertSettings | null>;
  /** What applies to the member: their settings, or DEFAULT_STAFF_ALERTS. */
  staffAlerts(staffId: StaffId): Promise<StaffAlertSettings>;
  setStaffAlerts(staffId: StaffId, settings: StaffAlertSettings): Promise<void>;
}

/**
 * A member whose owner never set alerts: e-mail alerts to the sign-in address, no
 * escalation SMS (that needs a phone), so R7 holds for a clinic that changed nothing.
 */
export const DEFAULT_STAFF_ALERTS: StaffAlertSettings = Object.freeze({ alerts: true, email: null, phone: null, escalation: false });

/** Where a patient's notices and links go: the e-mail when they gave one (no SMS cost), else the phone. */
export function patientAddress(contact: PatientContact): { channel: ChannelKind; to: string } | null {
  if (contact.email) return { channel: 'email', to: contact.email };
  return contact.phone ? { channel: 'sms', to: contact.phone } : null;
}

/** The `consentVersion` of an invitation address: the clinic gave it, the patient agreed to nothing yet. */
export const INVITED_BY_CLINIC = 'invited-by-clinic';

// Hash fields hold strings; an empty one means null.
const field = (value: string | null) => value ?? '';
const nullable = (value: string | undefined) => (value ? value : null);

export function createContactStore(redis: Redis): ContactStore {
  async function getStaffAlerts(staffId: StaffId): Promise<StaffAlertSettings | null> {
    const hash = await redis.hgetall(notifyKeys.staffAlerts(staffId));
    if (!hash.alerts) return null;
    return { alerts: hash.alerts === '1', email: nullable(hash.email), phone: nullable(hash.phone), escalation: hash.escalation === '1' };
  }

  async function write(key: string, contact: NormalizedContact, consent: { version: string; at: number }): Promise<PatientContact> {
    const stored: PatientContact = { email: contact.email, phone: contact.phone, consentVersion: consent.version, consentAt: consent.at };
    await redis
      .multi()
      .del(key)
      .hset(key, { email: field(stored.email), phone: field(stored.phone), consentVersion: stored.consentVersion, consentAt: String(stored.consentAt) })
      .exec();
    return stored;
  }

  async function read(key: string): Promise<PatientContact | null> {
    const hash = await redis.hgetall(key);
    if (!hash.consentVersion) return null;
    return { email: nullable(hash.email), phone: nullable(hash.phone), consentVersion: hash.consentVersion, consentAt: Number(hash.consentAt) };
  }

  return {
    setPatientContact: (visitorId, contact, consent) => write(notifyKeys.visitorContact(visitorId), contact, consent),
    getPatientContact: (visitorId) => read(notifyKeys.visitorContact(visitorId)),
    setInvitationContact: (visitorId, contact, at) => write(notifyKeys.visitorInvitation(visitorId), contact, { version: INVITED_BY_CLINIC, at }),
    getInvitationContact: (visitorId) => read(notifyKeys.visitorInvitation(visitorId)),
    async withdrawPatientContact(visitorId) {
      await redis.del(notifyKeys.visitorContact(visitorId));
    },
    getStaffAlerts,
    async staffAlerts(staffId) {
      return (await getStaffAlerts(staffId)) ?? { ...DEFAULT_STAFF_ALERTS };
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
