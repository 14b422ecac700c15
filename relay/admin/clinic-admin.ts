/**
 * Managing a clinic and its staff: one service for the owner's console (the staff
 * namespace) and the operator's CLI, so both accept and refuse exactly the same input.
 * Input is checked against the protocol's schemas before any store call; a refusal is a
 * ClientError with a protocol code and, for a bad field, `data.path` naming it.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { ClinicId, StaffId } from '../../protocol/ids.ts';
import { ID_PATTERNS, LIMITS } from '../../protocol/limits.ts';
import {
  ClinicSettingsSchema,
  ClinicUpdateSchema,
  StaffAddSchema,
  StaffUpdateSchema,
  type ClinicSettings,
  type StaffAdd,
  type StaffUpdate,
} from '../../protocol/requests.ts';
import { normalizeEmail as normalizeEmailAddress, normalizePhone } from '../../protocol/contact.ts';
import type { StaffAlertSettings } from '../../protocol/contact-schema.ts';
import { ClientError, RelayError } from '../errors.ts';
import { parsePayload } from '../payload-check.ts';
import { DEFAULT_NOTIFY_SETTINGS, DEFAULT_SECURITY_SETTINGS, NEW_CLINIC_PRIVACY, type Clinic } from '../store/clinic-store.ts';
import { checkSchedule } from '../hours/schedule-check.ts';
import { newSecretToken } from '../store/random-ids.ts';
import type { Staff } from '../store/staff-store.ts';
import type { Stores } from '../store/stores.ts';

/** A new clinic: the settings the owner manages, plus a site key the relay never reassigns. */
const NewClinicSchema = Type.Object(
  { ...ClinicSettingsSchema.properties, siteKey: Type.String({ pattern: ID_PATTERNS.siteKey }) },
  { additionalProperties: false },
);
export type NewClinic = Static<typeof NewClinicSchema>;
/** What the operator must give; the rest has defaults. */
export type ClinicDraft = { [K in keyof NewClinic]?: unknown } & { name: unknown; origins: unknown };

const PasswordSchema = Type.String({ minLength: LIMITS.passwordMin, maxLength: LIMITS.passwordMax });

/** A generated staff password: shown once, stored only as its scrypt hash (96 random bits). */
const newStaffPassword = () => newSecretToken().slice(0, 16);

const SITE_KEY_SUFFIX_CHARS = 6;

/** A readable site key from the clinic's name, with a random suffix so names may repeat. */
function siteKeyFrom(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  const suffix = newSecretToken()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, SITE_KEY_SUFFIX_CHARS);
  return `${slug.length >= 3 ? slug : 'clinic'}-${suffix}`;
}

/** Browsers send origins lower-cased and without a default port: store them the same way. */
function normalizeOrigins(origins: readonly string[]): string[] {
  return [
    ...new Set(
      origins.map((origin, i) => {
        try {
          return new URL(origin).origin;
        } catch {
          throw new ClientError('BAD_REQUEST', { path: `/origins/${i}`, reason: 'not a valid origin' });
        }
      }),
    ),
  ];
}

export const clinicSettings = (clinic: Clinic): ClinicSettings => ({
  siteKey: clinic.siteKey,
  name: clinic.name,
  greeting: clinic.greeting,
  locale: clinic.locale === 'en' ? 'en' : 'ru',
  origins: clinic.origins,
  bookingUrl: clinic.bookingUrl,
  bookingRequests: clinic.bookingRequests,
  officeHours: clinic.officeHours,
  texts: clinic.texts,
  notify: clinic.notify,
  security: clinic.security,
  schedule: clinic.schedule,
  replyMinutes: clinic.replyMinutes,
  privacy: clinic.privacy,
});

/** Alert addresses as stored: normalised (E.164, trimmed e-mail), or CONTACT_INVALID naming the field. */
function checkStaffAlerts(alerts: StaffAlertSettings): StaffAlertSettings {
  const email = alerts.email === null || alerts.email.trim() === '' ? null : normalizeEmailAddress(alerts.email);
  if (alerts.email !== null && alerts.email.trim() !== '' && email === null)
    throw new ClientError('CONTACT_INVALID', { field: 'email', path: '/alerts/email' });
  const phone = alerts.phone === null || alerts.phone.trim() === '' ? null : normalizePhone(alerts.phone);
  if (alerts.phone !== null && alerts.phone.trim() !== '' && phone === null)
    throw new ClientError('CONTACT_INVALID', { field: 'phone', path: '/alerts/phone' });
  return { ...alerts, email, phone };
}

const isRelayError = (error: unknown, code: RelayError['code']) => error instanceof RelayError && error.code === code;

export function createClinicAdmin(stores: Pick<Stores, 'clinics' | 'staff' | 'contacts' | 'sessions'>) {
  /** A member of this clinic, active or not; NOT_FOUND for anyone else. */
  async function colleague(clinicId: ClinicId, staffId: StaffId): Promise<Staff> {
    const member = await stores.staff.get(staffId);
    if (member?.clinicId !== clinicId) throw new ClientError('NOT_FOUND');
    return member;
  }

  return {
    async createClinic(draft: ClinicDraft): Promise<Clinic> {
      const given = Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== undefined));
      const input = parsePayload(NewClinicSchema, {
        greeting: '',
        locale: 'ru',
        bookingUrl: null,
        bookingRequests: true,
        officeHours: null,
        texts: {},
        notify: DEFAULT_NOTIFY_SETTINGS,
        security: { ...DEFAULT_SECURITY_SETTINGS },
        schedule: null,
        replyMinutes: null,
        privacy: { ...NEW_CLINIC_PRIVACY },
        siteKey: typeof draft.name === 'string' ? siteKeyFrom(draft.name) : undefined,
        ...given,
      });
      checkSchedule(input.schedule);
      try {
        return await stores.clinics.create({ ...input, origins: normalizeOrigins(input.origins) });
      } catch (error) {
        if (isRelayError(error, 'RELAY_ERR_SITE_KEY_TAKEN')) throw new ClientError('BAD_REQUEST', { path: '/siteKey', reason: 'already in use' });
        throw error;
      }
    },

    async settings(clinicId: ClinicId): Promise<ClinicSettings> {
      const clinic = await stores.clinics.get(clinicId);
      if (!clinic) throw new ClientError('NOT_FOUND');
      return clinicSettings(clinic);
    },

    async updateClinic(clinicId: ClinicId, changes: unknown): Promise<ClinicSettings> {
      const valid = parsePayload(ClinicUpdateSchema, changes);
      checkSchedule(valid.schedule);
      const clinic = await stores.clinics.update(clinicId, valid.origins ? { ...valid, origins: normalizeOrigins(valid.origins) } : valid);
      if (!clinic) throw new ClientError('NOT_FOUND');
      return clinicSettings(clinic);
    },

    /** Adds a colleague with `password`, or a generated one that the caller shows once. */
    async addStaff(clinicId: ClinicId, request: { [K in keyof StaffAdd]: unknown }, password?: string): Promise<{ member: Staff; password: string }> {
      const { email, name, role } = parsePayload(StaffAddSchema, request);
      const chosen = password === undefined ? newStaffPassword() : parsePayload(Type.Object({ password: PasswordSchema }), { password }).password;
      try {
        return { member: await stores.staff.create({ clinicId, email, name, role, password: chosen }), password: chosen };
      } catch (error) {
        if (isRelayError(error, 'RELAY_ERR_EMAIL_TAKEN')) throw new ClientError('BAD_REQUEST', { path: '/email', reason: 'already has an account' });
        throw error;
      }
    },

    /**
     * Returns the member before and after, so the caller can end the sockets whose access
     * changed. A deactivation ends every session here, so a reactivation revives none; a
     * role change keeps them (the role is read from the member on every request, not
     * from the session), so the console rebuilds itself for the new role.
     */
    async updateStaff(actor: Staff, request: StaffUpdate): Promise<{ before: Staff; after: Staff }> {
      const { staffId, ...changes } = parsePayload(StaffUpdateSchema, request);
      const before = await colleague(actor.clinicId, staffId);
      // The owner cannot lock the clinic out of its own management.
      if (before.id === actor.id && (changes.active === false || (changes.role && changes.role !== 'owner'))) {
        throw new ClientError('BAD_REQUEST', { path: '/staffId', reason: 'you cannot demote or deactivate yourself' });
      }
      const alerts = changes.alerts && checkStaffAlerts(changes.alerts);
      const after = await stores.staff.update(before.id, changes);
      if (!after) throw new ClientError('NOT_FOUND');
      if (alerts) await stores.contacts.setStaffAlerts(after.id, alerts);
      if (!after.active) await stores.sessions.endAllOf(after.id);
      return { before, after };
    },

    /**
     * A new password for a colleague; whoever knew the old one loses every session it
     * opened. `keepSessionId`: the owner resetting their own password keeps the session
     * they do it from, which is how they learn the new one.
     */
    async resetPassword(clinicId: ClinicId, staffId: StaffId, keepSessionId?: string): Promise<string> {
      const member = await colleague(clinicId, staffId);
      const password = newStaffPassword();
      await stores.staff.setPassword(member.id, password);
      await stores.sessions.endAllOf(member.id, keepSessionId);
      return password;
    },

    listStaff(clinicId: ClinicId, includeInactive = false): Promise<Staff[]> {
      return stores.staff.listClinic(clinicId, includeInactive);
    },
  };
}

export type ClinicAdmin = ReturnType<typeof createClinicAdmin>;
