/**
 * The staff side: the handshake accepts only a live staff session (the console's
 * HttpOnly cookie) from the console's own origin; every event after it goes through the
 * router with the staff member's clinic and role. The events themselves are declared by
 * domain under handlers/.
 */
import { STAFF_REQUESTS } from '../../protocol/events.ts';
import { roomsOfStaff, rooms, type Viewer } from '../access/visibility.ts';
import { handshakeTarget, isSameOrigin, sessionTokenFromCookieHeader } from '../http/cookies.ts';
import { staffRef } from '../store/staff-store.ts';
import { createRouter } from './event-router.ts';
import { reportFailure } from '../failure.ts';
import { answerRoutes } from './handlers/answers.ts';
import { staffAttachmentRoutes } from './handlers/attachment-urls.ts';
import { clinicSettingsRoutes } from './handlers/clinic-settings.ts';
import { conversationRoutes } from './handlers/conversation.ts';
import { patientRoutes } from './handlers/patient.ts';
import { patientLinkRoutes } from './handlers/patient-link.ts';
import { patientSessionRoutes } from './handlers/patient-sessions.ts';
import { queueRoutes } from './handlers/queue.ts';
import { searchRoutes } from './handlers/search.ts';
import { pushRoutes } from './handlers/push.ts';
import { staffAdminRoutes } from './handlers/staff-admin.ts';
import type { StaffRoutes } from './handlers/staff-routes.ts';
import { stepRoutes } from './handlers/resolution.ts';
import { bookingDecisionRoutes } from './handlers/booking.ts';
import { reviewToolRoutes } from './handlers/review-tools.ts';
import { handshakeError } from './handshake-error.ts';
import type { StaffNamespace } from './namespaces.ts';
import type { RelayServices } from './relay-services.ts';
import { staffSender } from './sender-limiter.ts';
import { staffThreadAccess } from './thread-access.ts';
import { endWithSession } from './session-expiry.ts';
import { unlessIdle } from '../store/session-idle.ts';

const STAFF_ROUTES: StaffRoutes = {
  ...conversationRoutes,
  ...patientRoutes,
  ...patientLinkRoutes,
  ...patientSessionRoutes,
  ...answerRoutes,
  ...staffAdminRoutes,
  ...clinicSettingsRoutes,
  ...staffAttachmentRoutes,
  ...stepRoutes,
  ...reviewToolRoutes,
  ...queueRoutes,
  ...searchRoutes,
  ...pushRoutes,
  ...bookingDecisionRoutes,
};

export function attachStaffNamespace(ns: StaffNamespace, services: RelayServices): void {
  const { stores } = services;
  const router = createRouter(STAFF_REQUESTS, STAFF_ROUTES, services.guard);

  ns.use(async (socket, next) => {
    try {
      const { origin, cookie } = socket.handshake.headers;
      const target = handshakeTarget(socket.handshake, services.config.trustProxy);
      if (!isSameOrigin(origin, target, services.config.publicUrl)) return next(handshakeError('CSRF_REJECTED'));
      const token = sessionTokenFromCookieHeader(cookie);
      const session = await unlessIdle(stores.clinics, token ? await stores.sessions.get(token) : null);
      const staff = session ? await stores.staff.get(session.staffId) : null;
      if (!session || !staff?.active || staff.clinicId !== session.clinicId) return next(handshakeError('AUTH_REQUIRED'));
      const clinic = await stores.clinics.get(staff.clinicId);
      if (clinic?.security.requireTwoFactor && !(await stores.twoFactor.enabled(staff.id))) return next(handshakeError('TWO_FACTOR_SETUP_REQUIRED'));
      // Push subscriptions stored before the clinic's list of subscribed staff existed join it (store/push-store.ts).
      await stores.push.listIfSubscribed(staff.id, staff.clinicId);
      socket.data = { staff, session };
      next();
    } catch (error) {
      next(handshakeError(reportFailure(error, services.log, { code: 'RELAY_ERR_STAFF_HANDSHAKE' }).code));
    }
  });

  ns.on('connection', (socket) => {
    const { staff, session } = socket.data;
    const viewer: Viewer = { id: staff.id, clinicId: staff.clinicId, role: staff.role };
    void socket.join([...roomsOfStaff(viewer), rooms.session(session.id)]);

    endWithSession(socket, session, async (id) => unlessIdle(stores.clinics, await stores.sessions.byId(id)));
    // Every event the console sends is a use of the session (written at most once a minute).
    socket.onAny(() => {
      stores.sessions.touch(session).catch((error: unknown) => reportFailure(error, services.log, { code: 'RELAY_ERR_HANDLER', event: 'session-touch' }));
    });

    router.bind(socket, {
      ctx: { services, ns, staff, viewer, me: staffRef(staff), socketId: socket.id },
      role: staff.role,
      scope: { sender: staffSender(staff.id), clinicId: staff.clinicId },
      thread: staffThreadAccess(stores, viewer),
    });
  });
}
