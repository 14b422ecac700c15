/** The clinic's ready answers: every colleague lists them, the owner and administrators edit them. */
import { mayEditAnswers } from '../../../protocol/permissions.ts';
import { ClientError } from '../../errors.ts';
import { anyone } from '../event-router.ts';
import type { StaffRoutes } from './staff-routes.ts';

export const answerRoutes: Pick<StaffRoutes, 'answers:list' | 'answers:save' | 'answers:delete'> = {
  'answers:list': {
    access: null,
    allow: anyone,
    async handle({ services, staff }) {
      return { answers: await services.stores.answers.list(staff.clinicId) };
    },
  },

  'answers:save': {
    access: null,
    allow: mayEditAnswers,
    async handle({ services, staff }, input) {
      const answer = await services.stores.answers.save(staff.clinicId, input);
      if (!answer) throw new ClientError('NOT_FOUND');
      return { answer };
    },
  },

  'answers:delete': {
    access: null,
    allow: mayEditAnswers,
    async handle({ services, staff }, { id }) {
      if (!(await services.stores.answers.remove(staff.clinicId, id))) throw new ClientError('NOT_FOUND');
      return {};
    },
  },
};
