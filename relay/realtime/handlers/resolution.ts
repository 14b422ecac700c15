/**
 * Status steps (staff) and the patient's "solved" / "not yet" (issue 13 §1): routes over
 * reviews/thread-resolution.ts.
 */
import { isWriter } from '../../../protocol/permissions.ts';
import { anyone } from '../event-router.ts';
import { patientView, staffView } from '../thread-views.ts';
import type { StaffRoutes } from './staff-routes.ts';
import type { VisitorRoutes } from './visitor-conversation.ts';

export const stepRoutes: Pick<StaffRoutes, 'thread:step'> = {
  'thread:step': {
    access: 'write',
    allow: isWriter,
    async handle({ services, me }, { stepId, actionId }, thread) {
      return { thread: staffView(await services.resolution.setStep(me, thread, stepId, actionId)) };
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
