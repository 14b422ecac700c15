/** The inbox queue (issue 12 §2): counts per view, the clinic's queue settings, taking a conversation. */
import { isWriter, mayManageClinic } from '../../../protocol/permissions.ts';
import { ClientError } from '../../errors.ts';
import { anyone } from '../event-router.ts';
import { staffView } from '../thread-views.ts';
import type { StaffRoutes } from './staff-routes.ts';

export const queueRoutes: Pick<StaffRoutes, 'inbox:counts' | 'queue:get' | 'queue:update' | 'thread:take'> = {
  'inbox:counts': {
    access: null,
    allow: anyone,
    async handle({ services, viewer }) {
      return { counts: await services.stores.inbox.counts(viewer) };
    },
  },

  'queue:get': {
    access: null,
    allow: anyone,
    async handle({ services, staff }) {
      return { settings: await services.stores.queueSettings.get(staff.clinicId) };
    },
  },

  'queue:update': {
    access: null,
    allow: mayManageClinic,
    async handle({ services, staff }, update) {
      return { settings: await services.stores.queueSettings.update(staff.clinicId, update) };
    },
  },

  'thread:take': {
    access: 'write',
    allow: isWriter,
    async handle({ services, me }, { actionId }, thread) {
      const updated = await services.actions.change(me, thread, { assignee: me }, actionId, { onlyIfEmpty: true });
      if (updated.assignee?.id !== me.id) throw new ClientError('ALREADY_TAKEN');
      return { thread: staffView(updated) };
    },
  },
};
