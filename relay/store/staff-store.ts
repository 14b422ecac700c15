import type { ClinicId, StaffId } from '../../protocol/ids.ts';
import type { DoctorCard, Role, StaffRef } from '../../protocol/model.ts';
import type { StaffMember } from '../../protocol/requests.ts';
import type { StaffAlertSettings } from '../../protocol/contact-schema.ts';
import { RelayError } from '../errors.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';
import { newEntityId } from './random-ids.ts';
import { DECOY_HASH, hashPassword, verifyPassword } from './password-hash.ts';

export interface Staff {
  id: StaffId;
  clinicId: ClinicId;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  /** Profile (issue 13 §3): a doctor's specialty ('' none); whether a doctor is offered to patients (absent: yes); the photo's version ('' none). */
  specialty: string;
  acceptsChats: boolean;
  photo: string;
}

export interface StaffInput {
  clinicId: ClinicId;
  email: string;
  name: string;
  role: Role;
  password: string;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export const staffRef = (staff: Staff): StaffRef => ({ id: staff.id, name: staff.name, role: staff.role });
export const staffMember = (staff: Staff, alerts: StaffAlertSettings): StaffMember => ({
  ...staffRef(staff),
  email: staff.email,
  active: staff.active,
  alerts,
  ...(staff.specialty ? { specialty: staff.specialty } : {}),
  ...(staff.role === 'doctor' ? { acceptsChats: staff.acceptsChats } : {}),
  ...(staff.photo ? { photo: true } : {}),
});

/** A doctor as the widget's picker shows them. */
export const doctorCard = (staff: Staff): DoctorCard => ({
  ...staffRef(staff),
  ...(staff.specialty ? { specialty: staff.specialty } : {}),
  ...(staff.photo ? { photo: true } : {}),
});

function fromHash(hash: Record<string, string>): Staff | null {
  if (!hash.id) return null;
  return {
    id: hash.id as StaffId,
    clinicId: hash.clinicId as ClinicId,
    email: hash.email ?? '',
    name: hash.name ?? '',
    role: hash.role as Role,
    active: hash.active === '1',
    specialty: hash.specialty ?? '',
    acceptsChats: hash.acceptsChats !== '0',
    photo: hash.photo ?? '',
  };
}

export function createStaffStore(redis: RelayRedis) {
  async function get(id: StaffId): Promise<Staff | null> {
    return fromHash(await redis.hgetall(keys.staff(id)));
  }

  async function findByEmail(email: string): Promise<Staff | null> {
    const id = await redis.get(keys.staffByEmail(normalizeEmail(email)));
    return id ? get(id as StaffId) : null;
  }

  return {
    get,
    findByEmail,

    async create(input: StaffInput): Promise<Staff> {
      const email = normalizeEmail(input.email);
      const profile = { specialty: '', acceptsChats: true, photo: '' };
      const staff: Staff = { id: newEntityId<StaffId>(), clinicId: input.clinicId, email, name: input.name, role: input.role, active: true, ...profile };
      const claimed = await redis.set(keys.staffByEmail(email), staff.id, 'NX');
      if (claimed !== 'OK') throw new RelayError('RELAY_ERR_EMAIL_TAKEN');
      const passwordHash = await hashPassword(input.password);
      // Two slots on a cluster, so two steps: listed first (listClinic skips an id without a
      // record), so no member can sign in whom the owner does not see.
      await redis.sadd(keys.clinicStaff(staff.clinicId), staff.id);
      await redis.hset(keys.staff(staff.id), { ...staff, active: '1', acceptsChats: '1', passwordHash, createdAt: String(Date.now()) });
      return staff;
    },

    async update(
      id: StaffId,
      changes: { name?: string; role?: Role; active?: boolean; specialty?: string; acceptsChats?: boolean; photo?: string },
    ): Promise<Staff | null> {
      const fields: Record<string, string> = {};
      if (changes.specialty !== undefined) fields.specialty = changes.specialty.trim();
      if (changes.acceptsChats !== undefined) fields.acceptsChats = changes.acceptsChats ? '1' : '0';
      if (changes.photo !== undefined) fields.photo = changes.photo;
      if (changes.name !== undefined) fields.name = changes.name;
      if (changes.role !== undefined) fields.role = changes.role;
      if (changes.active !== undefined) fields.active = changes.active ? '1' : '0';
      if (Object.keys(fields).length > 0) await redis.hset(keys.staff(id), fields);
      return get(id);
    },

    async setPassword(id: StaffId, password: string): Promise<void> {
      await redis.hset(keys.staff(id), 'passwordHash', await hashPassword(password));
    },

    /** The active staff member with these credentials, or null; as slow for an unknown email. */
    async authenticate(email: string, password: string): Promise<Staff | null> {
      const id = await redis.get(keys.staffByEmail(normalizeEmail(email)));
      const stored = id ? await redis.hget(keys.staff(id as StaffId), 'passwordHash') : null;
      const ok = await verifyPassword(password, stored ?? (await DECOY_HASH));
      if (!ok || !id) return null;
      const staff = await get(id as StaffId);
      return staff?.active ? staff : null;
    },

    /** Active members, or with `includeInactive` the deactivated ones too. */
    async listClinic(clinicId: ClinicId, includeInactive = false): Promise<Staff[]> {
      const ids = (await redis.smembers(keys.clinicStaff(clinicId))) as StaffId[];
      const all = await Promise.all(ids.map(get));
      return all.filter((s): s is Staff => s !== null && (s.active || includeInactive)).sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}

export type StaffStore = ReturnType<typeof createStaffStore>;
