/**
 * The staff side: the handshake accepts only a live staff session (the console's
 * HttpOnly cookie) from the console's own origin; everything after is scoped to the
 * staff member's clinic and role.
 */
import { protocolError, type Ack } from '../../protocol/errors.ts';
import { STAFF_REQUESTS, type StaffResults } from '../../protocol/events.ts';
import type { StaffId, ThreadId } from '../../protocol/ids.ts';
import { canRead, canWrite, mayEditAnswers, mayManageClinic, mayMarkComplaints, roomsOfStaff, rooms, type Viewer } from '../access/visibility.ts';
import { isSameOrigin, sessionTokenFromCookieHeader } from '../http/cookies.ts';
import { RelayError } from '../errors.ts';
import { staffMember, staffRef, type Staff } from '../store/staff-store.ts';
import type { Clinic } from '../store/clinic-store.ts';
import { newSecretToken } from '../store/random-ids.ts';
import type { ThreadMeta } from '../store/thread-store.ts';
import { bindEvents, precompile, type Handlers } from './event-router.ts';
import { handshakeError } from './handshake-error.ts';
import type { StaffNamespace } from './namespaces.ts';
import type { RelayServices } from './relay-services.ts';
import { checkText } from './text-rules.ts';
import { staffView } from './thread-views.ts';

// setTimeout holds at most 2^31-1 ms; longer sessions are re-checked when it fires.
const MAX_TIMER_MS = 2 ** 31 - 1;

const notFound = { error: protocolError('NOT_FOUND') } as const;

/** A generated staff password: shown once to the owner, stored only as its scrypt hash. */
const newStaffPassword = () => newSecretToken().slice(0, 16);

const clinicSettings = (clinic: Clinic) => ({
  siteKey: clinic.siteKey, name: clinic.name, greeting: clinic.greeting, locale: clinic.locale === 'en' ? 'en' as const : 'ru' as const,
  origins: clinic.origins, bookingUrl: clinic.bookingUrl, officeHours: clinic.officeHours,
});
const forbidden = { error: protocolError('FORBIDDEN') } as const;

export function attachStaffNamespace(ns: StaffNamespace, services: RelayServices): void {
  const { stores, actions, fanOut } = services;
  precompile(STAFF_REQUESTS);

  ns.use(async (socket, next) => {
    try {
      const { origin, host, cookie } = socket.handshake.headers;
      if (!isSameOrigin(origin, host)) return next(handshakeError('CSRF_REJECTED'));
      const token = sessionTokenFromCookieHeader(cookie);
      const session = token ? await stores.sessions.get(token) : null;
      const staff = session ? await stores.staff.get(session.staffId) : null;
      if (!session || !staff?.active || staff.clinicId !== session.clinicId) return next(handshakeError('AUTH_REQUIRED'));
      socket.data = { staff, session };
      next();
    } catch (error) {
      services.log.error({ code: 'RELAY_ERR_STAFF_HANDSHAKE', err: error }, 'staff handshake failed');
      next(handshakeError('UNAVAILABLE'));
    }
  });

  ns.on('connection', (socket) => {
    const { staff, session } = socket.data;
    const viewer: Viewer = { id: staff.id, clinicId: staff.clinicId, role: staff.role };
    const me = staffRef(staff);
    void socket.join([...roomsOfStaff(viewer), rooms.session(session.id)]);

    const expiry = setTimeout(() => {
      socket.emit('session:end', { reason: 'expired' });
      socket.disconnect(true);
    }, Math.min(Math.max(session.expiresAt - Date.now(), 0), MAX_TIMER_MS));
    socket.on('disconnect', () => clearTimeout(expiry));

    async function colleague(staffId: StaffId): Promise<Staff | null> {
      const member = await stores.staff.get(staffId);
      return member?.clinicId === staff.clinicId ? member : null;
    }

    async function readable(threadId: ThreadId): Promise<ThreadMeta | null> {
      const meta = await stores.threads.get(threadId);
      return meta && canRead(viewer, meta) ? meta : null;
    }

    /** The thread if this staff member may write to it; otherwise the error to answer. */
    async function writable(threadId: ThreadId): Promise<ThreadMeta | Ack<never>> {
      const meta = await readable(threadId);
      if (!meta) return notFound;
      return canWrite(viewer, meta) ? meta : forbidden;
    }
    const failed = (value: ThreadMeta | Ack<never>): value is Ack<never> => 'error' in value;

    const handlers: Handlers<typeof STAFF_REQUESTS, StaffResults> = {
      async 'inbox:list'(request) {
        const { threads, next } = await stores.inbox.list(viewer, request);
        return { ok: { threads: threads.map(staffView), next } };
      },

      async 'thread:get'({ threadId }) {
        const meta = await readable(threadId);
        if (!meta) return notFound;
        await stores.accessLog.record(staff.clinicId, staff.id, meta.id);
        return { ok: { thread: staffView(meta) } };
      },

      async 'message:history'(request) {
        const meta = await readable(request.threadId);
        if (!meta) return notFound;
        return { ok: await stores.threads.history(meta, request, 'staff') };
      },

      async 'message:send'({ threadId, clientId, text, private: isPrivate }) {
        const problem = checkText(text);
        if (problem) return { error: problem };
        const meta = await writable(threadId);
        if (failed(meta)) return meta;
        const result = await actions.send(meta.id, { kind: 'staff', staff: me }, { type: isPrivate ? 'note' : 'text', clientId, text });
        return { ok: { id: result.id, at: result.at } };
      },

      async 'thread:assign'({ threadId, assigneeId, actionId }) {
        const meta = await writable(threadId);
        if (failed(meta)) return meta;
        const assignee = assigneeId ? await stores.staff.get(assigneeId as StaffId) : null;
        if (assigneeId && (!assignee?.active || assignee.clinicId !== staff.clinicId)) {
          return { error: protocolError('BAD_REQUEST', { path: '/assigneeId', reason: 'no such colleague' }) };
        }
        const updated = await actions.change(me, meta, { assignee: assignee ? staffRef(assignee) : null }, actionId);
        return { ok: { thread: staffView(updated) } };
      },

      async 'thread:status'({ threadId, status, actionId }) {
        const meta = await writable(threadId);
        if (failed(meta)) return meta;
        return { ok: { thread: staffView(await actions.change(me, meta, { status }, actionId)) } };
      },

      async typing({ threadId, typing }) {
        const meta = await writable(threadId);
        if (failed(meta)) return meta;
        fanOut.typing(meta, socket.id, typing, me);
        return { ok: {} };
      },

      async read({ threadId, upTo }) {
        const meta = await writable(threadId);
        if (failed(meta)) return meta;
        const { cursor, moved } = await stores.threads.markRead(meta.id, 'staff', upTo);
        if (moved && cursor) fanOut.read(meta, 'staff', cursor);
        return { ok: {} };
      },

      async 'staff:list'({ all }) {
        if (all && !mayManageClinic(staff.role)) return forbidden;
        return { ok: { staff: (await stores.staff.listClinic(staff.clinicId, all)).map(staffMember) } };
      },

      async 'staff:add'({ email, name, role }) {
        if (!mayManageClinic(staff.role)) return forbidden;
        const password = newStaffPassword();
        try {
          const member = await stores.staff.create({ clinicId: staff.clinicId, email, name, role, password });
          return { ok: { member: staffMember(member), password } };
        } catch (error) {
          if (error instanceof RelayError && error.code === 'RELAY_ERR_EMAIL_TAKEN') return { error: protocolError('BAD_REQUEST', { path: '/email', reason: 'already has an account' }) };
          throw error;
        }
      },

      async 'staff:update'({ staffId, ...changes }) {
        if (!mayManageClinic(staff.role)) return forbidden;
        const member = await colleague(staffId);
        if (!member) return notFound;
        // The owner cannot lock the clinic out of its own management.
        if (member.id === staff.id && (changes.active === false || (changes.role && changes.role !== 'owner'))) {
          return { error: protocolError('BAD_REQUEST', { path: '/staffId', reason: 'you cannot demote or deactivate yourself' }) };
        }
        const updated = (await stores.staff.update(member.id, changes))!;
        if (changes.active === false || (changes.role && changes.role !== member.role)) {
          // Their sockets were joined to rooms of the old role: end them, the console reconnects (or signs out).
          const room = ns.to(rooms.staff(member.id));
          if (changes.active === false) room.emit('session:end', { reason: 'deactivated' });
          ns.in(rooms.staff(member.id)).disconnectSockets(true);
        }
        return { ok: { member: staffMember(updated) } };
      },

      async 'staff:reset-password'({ staffId }) {
        if (!mayManageClinic(staff.role)) return forbidden;
        const member = await colleague(staffId);
        if (!member) return notFound;
        const password = newStaffPassword();
        await stores.staff.setPassword(member.id, password);
        return { ok: { password } };
      },

      async 'clinic:get'() {
        if (!mayManageClinic(staff.role)) return forbidden;
        const clinic = await stores.clinics.get(staff.clinicId);
        return clinic ? { ok: { clinic: clinicSettings(clinic) } } : notFound;
      },

      async 'clinic:update'(changes) {
        if (!mayManageClinic(staff.role)) return forbidden;
        const clinic = await stores.clinics.update(staff.clinicId, changes);
        return clinic ? { ok: { clinic: clinicSettings(clinic) } } : notFound;
      },

      async 'thread:complaint'({ threadId, complaint, actionId }) {
        const meta = await writable(threadId);
        if (failed(meta)) return meta;
        if (!mayMarkComplaints(staff.role)) return forbidden;
        return { ok: { thread: staffView(await actions.change(me, meta, { complaint }, actionId)) } };
      },

      async 'patient:get'({ threadId }) {
        const meta = await readable(threadId);
        if (!meta) return notFound;
        const clinic = await stores.clinics.get(staff.clinicId);
        return { ok: { patient: await stores.visitors.profile(meta.visitorId, clinic?.locale ?? 'en') } };
      },

      async 'answers:list'() {
        return { ok: { answers: await stores.answers.list(staff.clinicId) } };
      },

      async 'answers:save'(input) {
        if (!mayEditAnswers(staff.role)) return forbidden;
        const answer = await stores.answers.save(staff.clinicId, input);
        return answer ? { ok: { answer } } : notFound;
      },

      async 'answers:delete'({ id }) {
        if (!mayEditAnswers(staff.role)) return forbidden;
        return (await stores.answers.remove(staff.clinicId, id)) ? { ok: {} } : notFound;
      },
    };

    bindEvents(socket, STAFF_REQUESTS, handlers, services.guard, new Set(['message:send']));
  });
}
