/** The owner's clinic settings: origins, greeting, booking link, office hours, language. */
import { mayManageClinic } from '../../../protocol/permissions.ts';
import type { StaffRoutes } from './staff-routes.ts';

export const clinicSettingsRoutes: Pick<StaffRoutes, 'clinic:get' | 'clinic:update'> = {
  'clinic:get': {
    access: null,
    allow: mayManageClinic,
    async handle({ services, staff }) {
      return { clinic: await services.admin.settings(staff.clinicId) };
    },
  },

  'clinic:update': {
    access: null,
    allow: mayManageClinic,
    async handle({ services, staff }, changes) {
      return { clinic: await services.admin.updateClinic(staff.clinicId, changes) };
    },
  },
};
