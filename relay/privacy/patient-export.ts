/**
 * A patient's data as the owner hands it to them (issue 10 §5, GDPR art. 15/20, 152-FZ):
 * what they gave (profile, notification contact) and every conversation as they see it —
 * private notes are the staff's working notes and stay out, like everywhere in the
 * patient's view. JSON for machines, and an HTML transcript a person reads (no script, no
 * style, every value escaped).
 */
import type { ClinicId, VisitorId } from '../../protocol/ids.ts';
import type { Message, SystemEvent } from '../../protocol/model.ts';
import type { BookingDetails } from '../../protocol/booking.ts';
import type { PatientProfile } from '../../protocol/requests.ts';
import type { PatientContact } from '../../protocol/contact-schema.ts';
import { LIMITS } from '../../protocol/limits.ts';
import { escapeHtml } from '../http/escape-html.ts';
import type { Stores } from '../store/stores.ts';
import type { ThreadMeta } from '../store/thread-meta.ts';

export interface PatientExport {
  exportedAt: number;
  clinic: { id: ClinicId; name: string };
  patient: Omit<PatientProfile, 'notices'>;
  contact: PatientContact | null;
  threads: { id: string; kind: string; status: string; doctor: string | null; createdAt: number; messages: Message[] }[];
}

async function allMessages(stores: Stores, meta: ThreadMeta): Promise<Message[]> {
  const messages: Message[] = [];
  let after: Message['id'] | undefined;
  for (;;) {
    const page = await stores.threads.history(meta, { threadId: meta.id, limit: LIMITS.pageSizeMax, ...(after ? { after } : {}) }, 'patient');
    messages.push(...page.messages);
    if (!page.hasMore || !page.cursor) return messages;
    after = page.cursor;
  }
}

/** Null when the patient is not one of this clinic's. */
export async function exportPatient(stores: Stores, clinicId: ClinicId, visitorId: VisitorId): Promise<PatientExport | null> {
  const clinic = await stores.clinics.get(clinicId);
  if (!clinic) return null;
  const ids = await stores.visitors.allThreads(visitorId);
  const metas = (await Promise.all(ids.map((id) => stores.threads.get(id)))).filter((m): m is ThreadMeta => m !== null && m.clinicId === clinicId);
  if (metas.length === 0 && !(await stores.visitors.belongsTo(visitorId, clinicId))) return null;
  metas.sort((a, b) => a.createdAt - b.createdAt);
  return {
    exportedAt: Date.now(),
    clinic: { id: clinicId, name: clinic.name },
    patient: await stores.visitors.profile(visitorId, clinic.locale),
    contact: await stores.contacts.getPatientContact(visitorId),
    threads: await Promise.all(
      metas.map(async (meta) => ({
        id: meta.id,
        kind: meta.kind,
        status: meta.status,
        doctor: meta.doctor?.name ?? null,
        createdAt: meta.createdAt,
        messages: await allMessages(stores, meta),
      })),
    ),
  };
}

const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

function systemLine(event: SystemEvent): string {
  if (event.kind === 'status') return `status: ${event.status}`;
  if (event.kind === 'booking') return `booking ${event.outcome}`;
  if (event.kind === 'away') return event.text;
  return `assigned: ${event.assignee?.name ?? '—'}`;
}

/** A booking request (issue 13 §3): the day, time and phone the patient gave. */
const bookingLine = ({ day, time, phone }: BookingDetails) => `booking request: ${day} ${time}, ${phone}`;

function line(message: Message, patientName: string): string {
  const who = message.author.kind === 'patient' ? patientName : message.author.kind === 'staff' ? message.author.staff.name : '—';
  const body = message.type === 'system' ? systemLine(message.event) : message.type === 'booking' ? bookingLine(message.booking) : message.text;
  return `<li><p><strong>${escapeHtml(who)}</strong>, <time datetime="${new Date(message.at).toISOString()}">${when(message.at)}</time></p><p>${escapeHtml(body).replaceAll('\n', '<br>')}</p></li>`;
}

export function exportHtml(data: PatientExport): string {
  const name = data.patient.displayName;
  const facts = (
    [
      ['Name', data.patient.name],
      ['E-mail', data.patient.email ?? data.contact?.email ?? null],
      ['Phone', data.patient.phone ?? data.contact?.phone ?? null],
      ['First seen', when(data.patient.firstSeenAt)],
    ] as const
  )
    .filter(([, value]) => value)
    .map(([label, value]) => `<dt>${label}</dt><dd>${escapeHtml(String(value))}</dd>`)
    .join('');
  const threads = data.threads
    .map(
      (thread) =>
        `<section><h2>${escapeHtml(thread.doctor ?? data.clinic.name)} — ${when(thread.createdAt)} (${escapeHtml(thread.status)})</h2><ol>${thread.messages.map((m) => line(m, name)).join('')}</ol></section>`,
    )
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escapeHtml(`${data.clinic.name}: ${name}`)}</title></head><body><h1>${escapeHtml(data.clinic.name)}</h1><p>Exported ${when(data.exportedAt)}</p><dl>${facts}</dl>${threads}</body></html>`;
}
