/**
 * The demo clinic `npm start` serves: created once, then kept in step with the port
 * the relay listens on and the demo password of this run. Tests seed more clinics just
 * like it under other site keys, so a test that changes its clinic changes no other's.
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '../protocol/model.ts';
import { COMPLAINT_PLAYBOOK } from './reviews/complaint-playbook.ts';
import type { Stores } from './store/stores.ts';

export const DEMO_SITE_KEY = 'demo';

/** The demo team; each member's e-mail is `<who>@<site key>.clinic`. */
const DEMO_TEAM = [
  { who: 'owner', name: 'Ольга Смирнова', role: 'owner' },
  { who: 'admin', name: 'Анна Козлова', role: 'admin' },
  { who: 'doctor', name: 'Dr. Ирина Иванова', role: 'doctor' },
  { who: 'doctor2', name: 'Dr. Павел Орлов', role: 'doctor' },
  { who: 'complaints', name: 'Мария Петрова', role: 'complaints' },
  { who: 'head', name: 'Сергей Волков', role: 'head' },
] as const satisfies readonly { who: string; name: string; role: Role }[];

export type DemoMember = (typeof DEMO_TEAM)[number]['who'];

export const demoStaffEmail = (who: DemoMember, siteKey: string = DEMO_SITE_KEY): string => `${who}@${siteKey}.clinic`;

function demoStaff(siteKey: string): { email: string; name: string; role: Role }[] {
  return DEMO_TEAM.map(({ who, name, role }) => ({ email: demoStaffEmail(who, siteKey), name, role }));
}

export const DEMO_STAFF: readonly { email: string; name: string; role: Role }[] = demoStaff(DEMO_SITE_KEY);

export function demoOrigins(port: number): string[] {
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
}

/**
 * Creates or refreshes the demo clinic (or one like it under `siteKey`) and its staff;
 * returns the staff password in force.
 */
export async function seedDemo(stores: Stores, port: number, password: string | null, siteKey: string = DEMO_SITE_KEY): Promise<string> {
  const demoPassword = password ?? randomBytes(9).toString('base64url');
  const existing = await stores.clinics.getBySiteKey(siteKey);
  const clinic = existing
    ? await stores.clinics.update(existing.id, { origins: [...new Set([...existing.origins, ...demoOrigins(port)])] })
    : await stores.clinics.create({
        siteKey,
        name: 'Клиника «Здоровье+»',
        greeting: 'Здравствуйте! Спросите нас о ценах, врачах или записи — мы отвечаем в рабочее время.',
        locale: 'ru',
        origins: demoOrigins(port),
        bookingUrl: `http://localhost:${port}/#booking`,
        officeHours: 'Пн–Пт 8:00–21:00, Сб–Вс 9:00–18:00',
      });
  if (!clinic) throw new Error('demo clinic vanished while seeding');
  for (const member of demoStaff(siteKey)) {
    const current = await stores.staff.findByEmail(member.email);
    if (current) await stores.staff.setPassword(current.id, demoPassword);
    else await stores.staff.create({ ...member, clinicId: clinic.id, password: demoPassword });
  }
  // The demo clinic's ready answers for the complaint playbook (issue 13 §2), once: an owner's edits stay.
  if (siteKey === DEMO_SITE_KEY && (await stores.answers.list(clinic.id)).length === 0) {
    for (const answer of COMPLAINT_PLAYBOOK) await stores.answers.save(clinic.id, answer);
  }
  return demoPassword;
}
