/**
 * `patient:end-sessions` (issue 10 §4): staff who write to a patient sign them out of
 * every device — a lost phone, a shared computer. Every visitor token of the patient is
 * deleted and their sockets on every relay close; a widget that reconnects is refused with
 * TOKEN_INVALID and starts as a new visitor. The conversations stay with the clinic; the
 * access log records who did it.
 */
import { NAMESPACES } from '../../../protocol/events.ts';
import { isWriter } from '../../../protocol/permissions.ts';
import { rooms } from '../../access/visibility.ts';
import type { StaffRoutes } from './staff-routes.ts';

export const patientSessionRoutes: Pick<StaffRoutes, 'patient:end-sessions'> = {
  'patient:end-sessions': {
    access: 'write',
    allow: isWriter,
    async handle({ services, ns, staff }, _request, thread) {
      await services.stores.visitors.revokeTokens(thread.visitorId);
      await services.stores.accessLog.record(staff.clinicId, { action: 'sessions-ended', staffId: staff.id, visitorId: thread.visitorId, threadId: thread.id });
      ns.server.of(NAMESPACES.visitor).in(rooms.visitor(thread.visitorId)).disconnectSockets(true);
      return {};
    },
  },
};
