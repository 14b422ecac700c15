/**
 * The patient's events: their threads, opening one per kind (and doctor), writing,
 * history, typing, read cursors and telling the clinic who they are. Every thread the
 * patient ever had stays listed and readable; only the newest of a slot takes writing.
 */
import { CONSENT_TEXT_VERSION, checkContact } from '../../../protocol/contact.ts';
import { protocolError } from '../../../protocol/errors.ts';
import type { VisitorRequests, VisitorResults } from '../../../protocol/events.ts';
import { ClientError } from '../../errors.ts';
import type { ThreadMeta } from '../../store/thread-store.ts';
import { threadSlot } from '../../store/visitor-store.ts';
import { anyone, type Routes } from '../event-router.ts';
import type { VisitorContext } from '../namespaces.ts';
import { checkMessageText } from '../text-rules.ts';
import { visitorAttachmentUrl } from './attachment-urls.ts';
import { ownThread } from '../thread-access.ts';
import { patientView } from '../thread-views.ts';
import { awayAfterMessage, requireConsent } from './first-screen.ts';
import { joinVerifiedPatient } from '../patient-merge.ts';

/** Patients have no roles: every route allows `anyone`, and thread access means "their own". */
export type VisitorRoutes = Routes<VisitorRequests, VisitorResults, VisitorContext, 'patient'>;

export const visitorRoutes: Omit<VisitorRoutes, 'thread:resolve' | 'booking:request' | 'visitor:consent' | 'visitor:forget'> = {
  'thread:list': {
    access: null,
    allow: anyone,
    async handle({ services: { stores }, visitor }) {
      const ids = await stores.visitors.allThreads(visitor.id);
      const metas = (await Promise.all(ids.map((id) => stores.threads.get(id)))).filter((m): m is ThreadMeta => m !== null);
      metas.sort((a, b) => b.patientLastActivityAt - a.patientLastActivityAt);
      return { threads: metas.map(patientView) };
    },
  },

  'thread:open': {
    access: null,
    allow: anyone,
    check: ({ kind, doctorId }) =>
      (kind === 'doctor') === (doctorId !== undefined)
        ? null
        : protocolError('BAD_REQUEST', { path: '/doctorId', reason: 'required for a doctor chat, and only for one' }),
    async handle(ctx, { kind, doctorId }) {
      const {
        services: { stores },
        clinic,
        visitor,
        doctors,
      } = ctx;
      // A thread is the patient's first trace: none before their consent (issue 13 §3).
      await requireConsent(ctx);
      const card = doctorId ? ((await doctors()).find((d) => d.id === doctorId) ?? null) : null;
      if (doctorId && !card) throw new ClientError('NOT_FOUND');
      // The thread keeps who the doctor is, not their card (the photo and specialty may change).
      const doctor = card && { id: card.id, name: card.name, role: card.role };
      const slot = threadSlot(doctor?.id ?? null);
      const current = await stores.visitors.currentThread(visitor.id, slot);
      const existing = current ? await ownThread(stores, visitor, current) : null;
      if (existing && existing.status !== 'closed') return { thread: patientView(existing) };

      // After a close the patient's next conversation continues the same timeline: linked to the last one.
      const previousThreadId = await stores.visitors.latestThread(visitor.id, slot);
      const { displayName } = await stores.visitors.profile(visitor.id, clinic.locale);
      const created = await stores.threads.create({ clinicId: clinic.id, visitorId: visitor.id, displayName, kind, doctor, previousThreadId });
      const winner = await stores.visitors.claimThread(visitor.id, slot, created.id);
      // The thread it continues takes no more writes (append-message.lua); a claim lost to
      // another tab marks it too, since that tab's thread is newer as well.
      if (previousThreadId) await stores.threads.supersede(previousThreadId);
      if (winner !== created.id) {
        await stores.threads.discard(created.id);
        const other = await ownThread(stores, visitor, winner);
        if (!other) throw new ClientError('NOT_FOUND');
        return { thread: patientView(other) };
      }
      await stores.visitors.keep(visitor);
      return { thread: patientView(created) };
    },
  },

  'message:send': {
    access: 'append',
    allow: anyone,
    check: ({ text, attachments }) => checkMessageText(text, attachments?.length ?? 0),
    message: true,
    async handle(ctx, { clientId, text, attachments: ids }, thread) {
      const { services, socketId, visitor, written } = ctx;
      await requireConsent(ctx);
      const attachments = await services.attachments.refs({ threadId: thread.id }, ids);
      const message = { type: 'text' as const, clientId, text, ...(attachments && { attachments }) };
      const result = await services.actions.send(thread, { kind: 'patient' }, message, { fromSocket: socketId, writer: visitor }).catch((error: unknown) => {
        written.delete(thread.id);
        throw error;
      });
      written.set(thread.id, result.meta);
      await awayAfterMessage(ctx, result.meta);
      return { id: result.id, at: result.at };
    },
  },

  'message:history': {
    access: 'read',
    allow: anyone,
    handle: ({ services }, request, thread) => services.stores.threads.history(thread, request, 'patient'),
  },

  'typing': {
    access: 'write',
    allow: anyone,
    async handle({ services, socketId }, { typing }, thread) {
      services.fanOut.typing(thread, socketId, typing, null);
      return {};
    },
  },

  'read': {
    // Only the patient's own read cursor moves: also in an earlier thread of their timeline.
    access: 'read',
    allow: anyone,
    async handle({ services }, { upTo }, thread) {
      const { cursor, moved } = await services.stores.threads.markRead(thread.id, 'patient', upTo);
      if (moved && cursor) {
        services.fanOut.read(thread, 'patient', cursor);
        // Read up to the last staff message (notes and system lines do not count): no notice is due.
        if ((await services.stores.threads.get(thread.id))?.unreadPatient === 0) await services.notices.patientCaughtUp(thread.id);
      }
      return {};
    },
  },

  'visitor:identify': {
    access: null,
    allow: anyone,
    // A patient id counts only with the clinic's signature over it, and a signature only with its id.
    check: ({ patientId, signature }) =>
      (patientId === undefined) === (signature === undefined) ? null : protocolError('BAD_REQUEST', { path: patientId ? '/signature' : '/patientId' }),
    async handle({ services: { stores, actions, fanOut }, visitor, clinic }, { patientId, signature, ...identity }) {
      const verified = patientId && signature ? await stores.identity.verify(visitor.clinicId, patientId, signature) : false;
      if (patientId && !verified) throw new ClientError('BAD_REQUEST', { path: '/signature', reason: 'not the clinic’s signature' });
      // Only a verified patient id may join this device to the patient's history on another (issue 10 §4).
      const joined = verified ? await joinVerifiedPatient(stores, visitor, patientId!) : null;
      const patient = joined?.patient ?? visitor.id;
      // The patient's other devices show the threads that joined them without a reload.
      for (const meta of joined?.moved ?? []) fanOut.thread(meta);
      await stores.visitors.identify(patient, identity, verified ? patientId! : null);
      await stores.search.indexPatient(visitor.clinicId, patient, identity);
      const given = identity.name?.trim();
      if (given) await actions.rename(await stores.visitors.allThreads(patient), given);
      // Moved threads take the patient's name, and staff consoles learn whose they are now.
      else if (joined?.moved.length)
        await actions.rename(
          joined.moved.map((t) => t.id),
          (await stores.visitors.profile(patient, clinic.locale)).displayName,
        );
      return joined?.token ? { token: joined.token } : {};
    },
  },

  'visitor:contact': {
    access: null,
    allow: anyone,
    check: (contact) => {
      const checked = checkContact(contact);
      return checked.error ? protocolError('CONTACT_INVALID', { field: checked.error.field }) : null;
    },
    async handle({ services: { stores }, visitor }, request) {
      const { ok: normalized } = checkContact(request);
      // Consent outlives a page view: the visitor is kept like one who wrote.
      await stores.visitors.keep(visitor);
      const contact = await stores.contacts.setPatientContact(visitor.id, normalized!, { version: CONSENT_TEXT_VERSION, at: Date.now() });
      return { contact };
    },
  },

  'attachment:url': visitorAttachmentUrl,

  'visitor:contact-withdraw': {
    access: null,
    allow: anyone,
    async handle({ services: { stores }, visitor }) {
      await stores.contacts.withdrawPatientContact(visitor.id);
      return {};
    },
  },
};
