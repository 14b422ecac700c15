/**
 * Booking requests in the chat (issue 13 §3, R5). The patient's `booking:request` is a
 * message of type `booking`, appended like their text (de-duplicated by its client id,
 * alerting staff, erased with the thread); its phone is normalised here and goes nowhere
 * else: no preview, no search words, no notice. Staff answer with `booking:decide`, a
 * thread change recorded by a system message (`{ kind: 'booking', outcome }`) that the
 * patient sees; a request is decided once (change-thread.lua's "only if empty"). An answer
 * schedules the usual reply notice (notice-resolver.ts sends it only while the patient has
 * not seen it); the owner may turn requests off (`bookingRequests`, BOOKING_REQUESTS_OFF).
 */
import { bookingProblem } from '../../../protocol/booking.ts';
import { normalizePhone } from '../../../protocol/contact.ts';
import { protocolError } from '../../../protocol/errors.ts';
import { isWriter } from '../../../protocol/permissions.ts';
import { ClientError } from '../../errors.ts';
import { anyone } from '../event-router.ts';
import { staffView } from '../thread-views.ts';
import type { StaffRoutes } from './staff-routes.ts';
import type { VisitorRoutes } from './visitor-conversation.ts';

export const bookingRequestRoute: VisitorRoutes['booking:request'] = {
  access: 'write',
  allow: anyone,
  check: ({ day, time, phone }) => {
    const problem = bookingProblem(day, time, Date.now());
    if (problem) return protocolError(problem);
    return normalizePhone(phone) ? null : protocolError('BOOKING_PHONE_INVALID');
  },
  message: true,
  async handle({ services, clinic }, { clientId, day, time, phone }, thread) {
    // Read afresh, not from the handshake: the owner's switch applies to widgets already open.
    if ((await services.stores.clinics.get(clinic.id))?.bookingRequests === false) throw new ClientError('BOOKING_REQUESTS_OFF');
    const booking = { day, time, phone: normalizePhone(phone)! };
    const result = await services.actions.send(thread, { kind: 'patient' }, { type: 'booking', clientId, booking });
    return { id: result.id, at: result.at };
  },
};

export const bookingDecisionRoutes: Pick<StaffRoutes, 'booking:decide'> = {
  'booking:decide': {
    access: 'write',
    allow: isWriter,
    async handle({ services, me }, { messageId, outcome, actionId }, thread) {
      const { threads } = services.stores;
      if ((await threads.message(thread.id, messageId))?.type !== 'booking') throw new ClientError('BOOKING_NOT_FOUND');
      const after = await services.actions.change(me, thread, { booking: messageId, outcome }, actionId, { onlyIfEmpty: true });
      // A colleague's other answer came first (a retry of this one reads its own outcome back).
      if ((await threads.bookingOutcome(thread.id, messageId)) !== outcome) throw new ClientError('BOOKING_DECIDED');
      // The clinic answered: a patient who is away is told so, like after a reply (also on a retry: scheduling is idempotent).
      await services.notices.staffReplied(after);
      return { thread: staffView(after) };
    },
  },
};
