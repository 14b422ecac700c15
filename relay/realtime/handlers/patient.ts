/** What staff may know of the patient in a thread they can read: only what the patient gave. */
import { anyone } from '../event-router.ts';
import type { StaffRoutes } from './staff-routes.ts';

export const patientRoutes: Pick<StaffRoutes, 'patient:get'> = {
  'patient:get': {
    access: 'read',
    allow: anyone,
    async handle({ services, staff }, _request, thread) {
      const clinic = await services.stores.clinics.get(staff.clinicId);
      return { patient: await services.stores.visitors.profile(thread.visitorId, clinic?.locale ?? 'en') };
    },
  },
};
