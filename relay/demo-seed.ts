/**
 * The demo clinic `npm start` serves: created once, then kept in step with the port
 * the relay listens on and the demo password of this run.
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '../protocol/model.ts';
import type { Stores } from './store/stores.ts';

export const DEMO_SITE_KEY = 'demo';

export const DEMO_STAFF: readonly { email: string; name: string; role: Role }[] = [
  { email: 'owner@demo.clinic', name: 'Ольга Смирнова', role: 'owner' },
  { email: 'admin@demo.clinic', name: 'Анна Козлова', role: 'admin' },
  { email: 'doctor@demo.clinic', name: 'Dr. Ирина Иванова', role: 'doctor' },
  { email: 'doctor2@demo.clinic', name: 'Dr. Павел Орлов', role: 'doctor' },
  { email: 'complaints@demo.clinic', name: 'Мария Петрова', role: 'complaints' },
  { email: 'head@demo.clinic', name: 'Сергей Волков', role: 'head' },
];

export function demoOrigins(port: number): string[] {
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
}

/** Creates or refreshes the demo clinic and its staff; returns the staff password in force. */
export async function seedDemo(stores: Stores, port: number, password: string | null): Promise<string> {
  const demoPassword = password ?? randomBytes(9).toString('base64url');
  const existing = await stores.clinics.getBySiteKey(DEMO_SITE_KEY);
  const clinic = existing
    ? await stores.clinics.update(existing.id, { origins: [...new Set([...existing.origins, ...demoOrigins(port)])] })
    : await stores.clinics.create({
      siteKey: DEMO_SITE_KEY,
      name: 'Клиника «Здоровье+»',
      greeting: 'Здравствуйте! Спросите нас о ценах, врачах или записи — мы отвечаем в рабочее время.',
      locale: 'ru',
      origins: demoOrigins(port),
      bookingUrl: `http://localhost:${port}/#booking`,
      officeHours: 'Пн–Пт 8:00–21:00, Сб–Вс 9:00–18:00',
    });
  if (!clinic) throw new Error('demo clinic vanished while seeding');
  for (const member of DEMO_STAFF) {
    const current = await stores.staff.findByEmail(member.email);
    if (current) await stores.staff.setPassword(current.id, demoPassword);
    else await stores.staff.create({ ...member, clinicId: clinic.id, password: demoPassword });
  }
  return demoPassword;
}
