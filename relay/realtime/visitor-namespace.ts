/**
 * The patient's side: a handshake with the clinic's site key (and the visitor token
 * when returning), checked against the clinic's allowed origins; then the visitor's
 * own threads only.
 */
import { protocolError } from '../../protocol/errors.ts';
import { VISITOR_REQUESTS, type VisitorHandshake, type VisitorResults } from '../../protocol/events.ts';
import { ID_PATTERNS, LIMITS } from '../../protocol/limits.ts';
import type { ClinicId, ThreadId } from '../../protocol/ids.ts';
import type { PublicClinic } from '../../protocol/model.ts';
import type { Clinic } from '../store/clinic-store.ts';
import { staffRef } from '../store/staff-store.ts';
import { threadSlot } from '../store/visitor-store.ts';
import type { ThreadMeta } from '../store/thread-store.ts';
import { createTtlCache } from '../store/ttl-cache.ts';
import { rooms } from '../access/visibility.ts';
import { bindEvents, precompile, type Handlers } from './event-router.ts';
import { handshakeError } from './handshake-error.ts';
import type { VisitorNamespace } from './namespaces.ts';
import type { RelayServices } from './relay-services.ts';
import { checkText } from './text-rules.ts';
import { patientView } from './thread-views.ts';

// Clinic settings reach connected widgets within 5 s; at most 10,000 clinics are remembered.
const CLINIC_CACHE = { ttlMs: 5_000, maxEntries: 10_000 };
const siteKeyRe = new RegExp(ID_PATTERNS.siteKey);
const tokenRe = new RegExp(ID_PATTERNS.visitorToken);
const notFound = { error: protocolError('NOT_FOUND') } as const;
const pageUrlRe = new RegExp(ID_PATTERNS.pageUrl);
const timeZoneRe = new RegExp(ID_PATTERNS.timeZone);

/** The optional page and time zone of a handshake; null when present but malformed. */
function handshakeContext(auth: Partial<VisitorHandshake>): { page?: string; timeZone?: string } | null {
  const { page, timeZone } = auth;
  if (page !== undefined && (typeof page !== 'string' || page.length > LIMITS.pageUrlMax || !pageUrlRe.test(page))) return null;
  if (timeZone !== undefined && (typeof timeZone !== 'string' || !timeZoneRe.test(timeZone))) return null;
  return { page, timeZone };
}

export function attachVisitorNamespace(ns: VisitorNamespace, services: RelayServices): void {
  const { stores, actions, fanOut } = services;
  precompile(VISITOR_REQUESTS);

  const clinicBySiteKey = createTtlCache(CLINIC_CACHE, (siteKey: string) => stores.clinics.getBySiteKey(siteKey));
  const doctorsOf = createTtlCache(CLINIC_CACHE, async (clinicId: ClinicId) =>
    (await stores.staff.listClinic(clinicId)).filter((s) => s.role === 'doctor').map(staffRef));
  const profile = async (clinic: Clinic): Promise<PublicClinic> => ({
    name: clinic.name,
    greeting: clinic.greeting,
    locale: clinic.locale,
    bookingUrl: clinic.bookingUrl,
    officeHours: clinic.officeHours,
    doctors: await doctorsOf.get(clinic.id),
  });

  ns.use(async (socket, next) => {
    try {
      const auth = (socket.handshake.auth ?? {}) as Partial<VisitorHandshake>;
      if (typeof auth.siteKey !== 'string' || !siteKeyRe.test(auth.siteKey)) return next(handshakeError('SITE_KEY_UNKNOWN'));
      const clinic = await clinicBySiteKey.get(auth.siteKey);
      if (!clinic) return next(handshakeError('SITE_KEY_UNKNOWN'));
      const origin = socket.handshake.headers.origin;
      if (!origin || !clinic.origins.includes(origin)) return next(handshakeError('ORIGIN_NOT_ALLOWED'));
      if (auth.token !== undefined) {
        const visitor = typeof auth.token === 'string' && tokenRe.test(auth.token)
          ? await stores.visitors.resolve(auth.token, clinic.id)
          : null;
        if (!visitor) return next(handshakeError('TOKEN_INVALID'));
        socket.data = { clinic, visitor, newToken: null };
      } else {
        const { token, visitor } = await stores.visitors.issue(clinic.id);
        socket.data = { clinic, visitor, newToken: token };
      }
      const context = handshakeContext(auth);
      if (!context) return next(handshakeError('BAD_REQUEST'));
      await stores.visitors.noteContext(socket.data.visitor.id, context);
      next();
    } catch (error) {
      services.log.error({ code: 'RELAY_ERR_VISITOR_HANDSHAKE', err: error }, 'visitor handshake failed');
      next(handshakeError('UNAVAILABLE'));
    }
  });

  ns.on('connection', (socket) => {
    const { clinic, visitor, newToken } = socket.data;
    void socket.join(rooms.visitor(visitor.id));
    void profile(clinic).then(
      (publicClinic) => socket.emit('session', newToken ? { token: newToken, clinic: publicClinic } : { clinic: publicClinic }),
      (error: unknown) => {
        services.log.error({ code: 'RELAY_ERR_CLINIC_PROFILE', err: error }, 'clinic profile failed');
        socket.disconnect(true);
      },
    );

    // A thread's patient never changes: once checked, sends skip reading the thread again.
    const owned = new Set<ThreadId>();
    async function ownThread(threadId: ThreadId): Promise<ThreadMeta | null> {
      const meta = await stores.threads.get(threadId);
      if (!meta || meta.visitorId !== visitor.id || meta.clinicId !== clinic.id) return null;
      owned.add(meta.id);
      return meta;
    }

    const handlers: Handlers<typeof VISITOR_REQUESTS, VisitorResults> = {
      async 'thread:list'() {
        const ids = await stores.visitors.allThreads(visitor.id);
        const metas = (await Promise.all(ids.map((id) => stores.threads.get(id)))).filter((m): m is ThreadMeta => m !== null);
        metas.sort((a, b) => b.lastActivityAt - a.lastActivityAt);
        return { ok: { threads: metas.map(patientView) } };
      },

      async 'thread:open'({ kind, doctorId }) {
        if ((kind === 'doctor') !== (doctorId !== undefined)) {
          return { error: protocolError('BAD_REQUEST', { path: '/doctorId', reason: 'required for a doctor chat, and only for one' }) };
        }
        const doctor = doctorId ? (await doctorsOf.get(clinic.id)).find((d) => d.id === doctorId) ?? null : null;
        if (doctorId && !doctor) return notFound;
        const slot = threadSlot(doctor?.id ?? null);
        const current = await stores.visitors.currentThread(visitor.id, slot);
        const existing = current ? await ownThread(current) : null;
        if (existing && existing.status !== 'closed') return { ok: { thread: patientView(existing) } };

        const { displayName } = await stores.visitors.profile(visitor.id, clinic.locale);
        const created = await stores.threads.create({ clinicId: clinic.id, visitorId: visitor.id, displayName, kind, doctor });
        const winner = await stores.visitors.claimThread(visitor.id, slot, created.id);
        if (winner !== created.id) {
          await stores.threads.discard(created.id);
          const other = await ownThread(winner);
          return other ? { ok: { thread: patientView(other) } } : notFound;
        }
        await stores.visitors.keep(visitor);
        return { ok: { thread: patientView(created) } };
      },

      async 'message:send'({ threadId, clientId, text }) {
        const problem = checkText(text);
        if (problem) return { error: problem };
        if (!owned.has(threadId) && !(await ownThread(threadId))) return notFound;
        const result = await actions.send(threadId, { kind: 'patient' }, { type: 'text', clientId, text });
        return { ok: { id: result.id, at: result.at } };
      },

      async 'message:history'(request) {
        const meta = await ownThread(request.threadId);
        if (!meta) return notFound;
        return { ok: await stores.threads.history(meta, request, 'patient') };
      },

      async typing({ threadId, typing }) {
        const meta = await ownThread(threadId);
        if (!meta) return notFound;
        fanOut.typing(meta, socket.id, typing, null);
        return { ok: {} };
      },

      async read({ threadId, upTo }) {
        const meta = await ownThread(threadId);
        if (!meta) return notFound;
        const { cursor, moved } = await stores.threads.markRead(meta.id, 'patient', upTo);
        if (moved && cursor) fanOut.read(meta, 'patient', cursor);
        return { ok: {} };
      },

      async 'visitor:identify'(identity) {
        await stores.visitors.identify(visitor.id, identity);
        if (identity.name?.trim()) await actions.rename(await stores.visitors.allThreads(visitor.id), identity.name.trim());
        return { ok: {} };
      },
    };

    bindEvents(socket, VISITOR_REQUESTS, handlers, services.guard, new Set(['message:send']));
  });
}
