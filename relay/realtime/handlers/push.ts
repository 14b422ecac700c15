/** Web Push for staff (issue 12 §1): the relay's public VAPID key, and this browser's subscription. */
import { anyone } from '../event-router.ts';
import type { StaffRoutes } from './staff-routes.ts';

export const pushRoutes: Pick<StaffRoutes, 'push:key' | 'push:subscribe' | 'push:unsubscribe'> = {
  'push:key': {
    access: null,
    allow: anyone,
    async handle({ services }) {
      return { publicKey: (await services.stores.push.vapidKeys()).publicKey };
    },
  },

  'push:subscribe': {
    access: null,
    allow: anyone,
    async handle({ services, staff }, subscription) {
      await services.stores.push.subscribe(staff.id, staff.clinicId, subscription);
      return {};
    },
  },

  'push:unsubscribe': {
    access: null,
    allow: anyone,
    async handle({ services, staff }, { endpoint }) {
      await services.stores.push.unsubscribe(staff.id, staff.clinicId, endpoint);
      return {};
    },
  },
};
