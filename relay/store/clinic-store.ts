import type { ClinicId } from '../../protocol/ids.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';
import { newEntityId } from './random-ids.ts';
import { RelayError } from '../errors.ts';

export interface Clinic {
  id: ClinicId;
  siteKey: string;
  name: string;
  greeting: string;
  locale: string;
  /** Origins (scheme://host[:port]) whose pages may open the clinic's chat. */
  origins: string[];
  bookingUrl: string | null;
  officeHours: string | null;
  createdAt: number;
}

export type ClinicInput = Omit<Clinic, 'id' | 'createdAt'>;

function toHash(clinic: Clinic): Record<string, string> {
  return {
    id: clinic.id,
    siteKey: clinic.siteKey,
    name: clinic.name,
    greeting: clinic.greeting,
    locale: clinic.locale,
    origins: JSON.stringify(clinic.origins),
    bookingUrl: clinic.bookingUrl ?? '',
    officeHours: clinic.officeHours ?? '',
    createdAt: String(clinic.createdAt),
  };
}

function fromHash(hash: Record<string, string>): Clinic | null {
  if (!hash.id) return null;
  return {
    id: hash.id as ClinicId,
    siteKey: hash.siteKey ?? '',
    name: hash.name ?? '',
    greeting: hash.greeting ?? '',
    locale: hash.locale ?? 'ru',
    origins: JSON.parse(hash.origins ?? '[]') as string[],
    bookingUrl: hash.bookingUrl || null,
    officeHours: hash.officeHours || null,
    createdAt: Number(hash.createdAt),
  };
}

export class SiteKeyTakenError extends RelayError {
  constructor(siteKey: string) {
    super('RELAY_ERR_SITE_KEY_TAKEN', siteKey);
  }
}

export function createClinicStore(redis: RelayRedis) {
  async function get(id: ClinicId): Promise<Clinic | null> {
    return fromHash(await redis.hgetall(keys.clinic(id)));
  }

  return {
    get,

    async getBySiteKey(siteKey: string): Promise<Clinic | null> {
      const id = await redis.get(keys.siteKey(siteKey));
      return id ? get(id as ClinicId) : null;
    },

    async create(input: ClinicInput): Promise<Clinic> {
      const clinic: Clinic = { ...input, id: newEntityId<ClinicId>(), createdAt: Date.now() };
      const claimed = await redis.set(keys.siteKey(input.siteKey), clinic.id, 'NX');
      if (claimed !== 'OK') throw new SiteKeyTakenError(input.siteKey);
      await redis.multi().hset(keys.clinic(clinic.id), toHash(clinic)).sadd(keys.clinicIds(), clinic.id).exec();
      return clinic;
    },

    async update(id: ClinicId, changes: Partial<ClinicInput>): Promise<Clinic | null> {
      const current = await get(id);
      if (!current) return null;
      const next = { ...current, ...changes, siteKey: current.siteKey };
      await redis.hset(keys.clinic(id), toHash(next));
      return next;
    },

    async list(): Promise<Clinic[]> {
      const ids = (await redis.smembers(keys.clinicIds())) as ClinicId[];
      const clinics = await Promise.all(ids.map(get));
      return clinics.filter((c): c is Clinic => c !== null).sort((a, b) => a.createdAt - b.createdAt);
    },
  };
}

export type ClinicStore = ReturnType<typeof createClinicStore>;
