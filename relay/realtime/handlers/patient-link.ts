/**
 * Staff send the patient of a thread a fresh resume link (issue 8, R8/R9) to the contact
 * the patient gave: writers of the thread only. The invite goes out as a queued job
 * (retried, and marked on the thread if it fails for good), so the ack never waits on
 * the mail server; the access log records who sent it.
 */
import { isWriter } from '../../../protocol/permissions.ts';
import { ClientError } from '../../errors.ts';
import { patientAddress } from '../../notify/contact-store.ts';
import type { StaffRoutes } from './staff-routes.ts';

export const patientLinkRoutes: Pick<StaffRoutes, 'patient:send-link'> = {
  'patient:send-link': {
    access: 'write',
    allow: isWriter,
    async handle({ services, staff }, _request, thread) {
      const contact = await services.stores.contacts.getPatientContact(thread.visitorId);
      const address = contact && patientAddress(contact);
      if (!address) throw new ClientError('CONTACT_MISSING');
      await services.notices.sendLink(thread.id);
      await services.stores.accessLog.record(staff.clinicId, { action: 'link-sent', staffId: staff.id, visitorId: thread.visitorId, threadId: thread.id });
      return { channel: address.channel };
    },
  },
};
