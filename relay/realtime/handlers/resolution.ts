/**
 * Status steps (staff) and the patient's "solved" / "not yet" (issue 13 §1): routes over
 * reviews/thread-resolution.ts; the clinic's review settings (steps, writing guidance).
 */
import { protocolError } from '../../../protocol/errors.ts';
import { isWriter, mayManageClinic } from '../../../protocol/permissions.ts';
import { anyone } from '../event-router.ts';
import { patientView, staffView } from '../thread-views.ts';
import type { StaffRoutes } from './staff-routes.ts';
import type { VisitorRoutes } from './visitor-conversation.ts';

export const stepRoutes: Pick<StaffRoutes, 'thread:step' | 'reviews:settings' | 'reviews:settings-update'> = {
  'thread:step': {
    access: 'write',
    allow: isWriter,
    async handle({ services, me }, { stepId, actionId }, thread) {
      return { thread: staffView(await services.resolution.setStep(me, thread, stepId, actionId)) };
    },
  },

  // Every colleague reads them: the console offers the steps and runs the guidance.
  'reviews:settings': {
    access: null,
    allow: anyone,
    async handle({ services, staff }) {
      return { settings: await services.stores.reviewSettings.get(staff.clinicId) };
    },
  },

  'reviews:settings-update': {
    access: null,
    allow: mayManageClinic,
    check: ({ steps }) =>
      steps && new Set(steps.map((s) => s.id)).size !== steps.length ? protocolError('BAD_REQUEST', { path: '/steps', reason: 'step ids repeat' }) : null,
    async handle({ services, staff }, changes) {
      return { settings: await services.stores.reviewSettings.update(staff.clinicId, changes) };
    },
  },
};

export const patientAnswerRoutes: Pick<VisitorRoutes, 'thread:resolve'> = {
  'thread:resolve': {
    // A closed thread may still be answered: "solved" often comes after the clinic closed it.
    access: 'read',
    allow: anyone,
    async handle({ services }, request, thread) {
      return { thread: patientView(await services.resolution.resolve(thread, request)) };
    },
  },
};
