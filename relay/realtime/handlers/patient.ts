/**
 * What staff may know of the patient in a thread they can read: only what the patient
 * gave, and the patient's threads of every kind the caller's role may read (the same
 * rule as every other thread access), so earlier and parallel conversations are one click away.
 */
import { canRead } from '../../access/visibility.ts';
import type { ThreadMeta } from '../../store/thread-store.ts';
import { anyone } from '../event-router.ts';
import { staffView } from '../thread-views.ts';
import type { StaffRoutes } from './staff-routes.ts';

export const patientRoutes: Pick<StaffRoutes, 'patient:get'> = {
  'patient:get': {
    access: 'read',
    allow: anyone,
    async handle({ services: { stores }, staff, viewer }, _request, thread) {
      await stores.accessLog.record(staff.clinicId, { action: 'profile', staffId: staff.id, visitorId: thread.visitorId, threadId: thread.id });
      const [clinic, ids, contact] = await Promise.all([
        stores.clinics.get(staff.clinicId),
        stores.visitors.allThreads(thread.visitorId),
        stores.contacts.getPatientContact(thread.visitorId),
      ]);
      const metas = await Promise.all(ids.map((id) => stores.threads.get(id)));
      const readable = metas.filter((meta): meta is ThreadMeta => meta !== null && canRead(viewer, meta));
      readable.sort((a, b) => a.createdAt - b.createdAt);
      return {
        patient: {
          ...(await stores.visitors.profile(thread.visitorId, clinic?.locale ?? 'en')),
          notices: contact ? { email: contact.email !== null, sms: contact.phone !== null, since: contact.consentAt } : null,
        },
        threads: readable.map(staffView),
      };
    },
  },
};
