import type { ClinicTexts } from '../../protocol/clinic-texts.ts';
import type { ClinicId } from '../../protocol/ids.ts';
import type { NotifySettings } from '../../protocol/contact-schema.ts';
import type { SecuritySettings } from '../../protocol/security-settings.ts';
import type { PrivacySettings, WeekSchedule } from '../../protocol/first-screen.ts';
import { NOTIFY_DEFAULTS } from '../notify/notify-settings.ts';
import { RelayError } from '../errors.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';
import { newEntityId } from './random-ids.ts';

export interface Clinic {
  id: ClinicId;
  siteKey: string;
  name: string;
  greeting: string;
  locale: string;
  /** Origins (scheme://host[:port]) whose pages may open the clinic's chat. */
  origins: string[];
  bookingUrl: string | null;
  /** "Book a visit" requests in the chat (issue 13 §3); clinics stored before the switch take them. */
  bookingRequests: boolean;
  officeHours: string | null;
  /** The greeting and office hours per language, over the two above; clinics stored before them get none. */
  texts: ClinicTexts;
  /** When notices go out; clinics stored before notifications existed get the defaults. */
  notify: NotifySettings;
  /** Retention, staff 2FA, idle timeout; clinics stored before them get the defaults (all off). */
  security: SecuritySettings;
  /** Office hours as a week in the clinic's zone (issue 13 §3); null: the free text above, if readable (hours/clinic-hours.ts). */
  schedule: WeekSchedule | null;
  /** "We reply within ~N min" as the clinic set it; null: the recent median first response. */
  replyMinutes: number | null;
  /** The consent box before the first message; clinics stored before it ask for none. */
  privacy: PrivacySettings;
  createdAt: number;
}

/** A clinic stored before the consent box existed: it asks for none until its owner turns it on. */
export const NO_CONSENT: PrivacySettings = Object.freeze({ consentRequired: false, policyUrl: null });
/** A new clinic asks for consent before the first message (152-FZ: health data is a special category). */
export const NEW_CLINIC_PRIVACY: PrivacySettings = Object.freeze({ consentRequired: true, policyUrl: null });

/** Everything off: keep conversations, no second factor required, no idle timeout. */
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = Object.freeze({ retentionDays: 0, requireTwoFactor: false, idleTimeoutMinutes: 0 });

/** A new clinic's notification settings: the defaults of notify-settings.ts, in the minutes owners set. */
export const DEFAULT_NOTIFY_SETTINGS: NotifySettings = Object.freeze({
  patientAfterMinutes: NOTIFY_DEFAULTS.patientAfterSeconds / 60,
  staffAfterMinutes: NOTIFY_DEFAULTS.staffAfterSeconds / 60,
  escalateAfterMinutes: NOTIFY_DEFAULTS.escalateAfterSeconds / 60,
  muteOutsideOfficeHours: false,
});

function parseNotify(raw: string | undefined): NotifySettings {
  return raw ? { ...DEFAULT_NOTIFY_SETTINGS, ...(JSON.parse(raw) as Partial<NotifySettings>) } : { ...DEFAULT_NOTIFY_SETTINGS };
}

export type ClinicInput = Omit<Clinic, 'id' | 'createdAt' | 'notify' | 'security' | 'texts' | 'schedule' | 'replyMinutes' | 'privacy' | 'bookingRequests'> & {
  /** Default: on. */
  bookingRequests?: boolean;
  notify?: NotifySettings;
  security?: SecuritySettings;
  texts?: ClinicTexts;
  schedule?: WeekSchedule | null;
  replyMinutes?: number | null;
  /** Default: none asked (NO_CONSENT); the owner's and the CLI's new clinics and the demo pass NEW_CLINIC_PRIVACY. */
  privacy?: PrivacySettings;
};

function toHash(clinic: Clinic): Record<string, string> {
  return {
    id: clinic.id,
    siteKey: clinic.siteKey,
    name: clinic.name,
    greeting: clinic.greeting,
    locale: clinic.locale,
    origins: JSON.stringify(clinic.origins),
    bookingUrl: clinic.bookingUrl ?? '',
    bookingRequests: clinic.bookingRequests ? '1' : '0',
    officeHours: clinic.officeHours ?? '',
    texts: JSON.stringify(clinic.texts),
    notify: JSON.stringify(clinic.notify),
    security: JSON.stringify(clinic.security),
    schedule: clinic.schedule ? JSON.stringify(clinic.schedule) : '',
    replyMinutes: clinic.replyMinutes === null ? '' : String(clinic.replyMinutes),
    privacy: JSON.stringify(clinic.privacy),
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
    bookingRequests: hash.bookingRequests !== '0',
    officeHours: hash.officeHours || null,
    texts: JSON.parse(hash.texts ?? '{}') as ClinicTexts,
    notify: parseNotify(hash.notify),
    security: { ...DEFAULT_SECURITY_SETTINGS, ...(hash.security ? (JSON.parse(hash.security) as Partial<SecuritySettings>) : {}) },
    schedule: hash.schedule ? (JSON.parse(hash.schedule) as WeekSchedule) : null,
    replyMinutes: hash.replyMinutes ? Number(hash.replyMinutes) : null,
    privacy: hash.privacy ? (JSON.parse(hash.privacy) as PrivacySettings) : { ...NO_CONSENT },
    createdAt: Number(hash.createdAt),
  };
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
      const clinic: Clinic = {
        ...input,
        notify: input.notify ?? { ...DEFAULT_NOTIFY_SETTINGS },
        security: input.security ?? { ...DEFAULT_SECURITY_SETTINGS },
        texts: input.texts ?? {},
        schedule: input.schedule ?? null,
        replyMinutes: input.replyMinutes ?? null,
        privacy: input.privacy ?? { ...NO_CONSENT },
        bookingRequests: input.bookingRequests ?? true,
        id: newEntityId<ClinicId>(),
        createdAt: Date.now(),
      };
      const claimed = await redis.set(keys.siteKey(input.siteKey), clinic.id, 'NX');
      if (claimed !== 'OK') throw new RelayError('RELAY_ERR_SITE_KEY_TAKEN', input.siteKey);
      // Two slots on a cluster, so two steps: listed first (list() skips an id without a record).
      await redis.sadd(keys.clinicIds(), clinic.id);
      await redis.hset(keys.clinic(clinic.id), toHash(clinic));
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
