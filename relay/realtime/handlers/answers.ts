/**
 * The clinic's ready answers: every colleague lists them, the owner and administrators edit
 * them (with files uploaded to the answers' scope), and a writer of a thread uses one: its
 * `{name}` filled in, its files copied into the thread for the next `message:send`.
 */
import { fillAnswer } from '../../../protocol/answer-text.ts';
import { isWriter, mayEditAnswers } from '../../../protocol/permissions.ts';
import { ClientError } from '../../errors.ts';
import { senderKey } from '../../store/thread-store.ts';
import { anyone } from '../event-router.ts';
import type { StaffRoutes } from './staff-routes.ts';

export const answerRoutes: Pick<StaffRoutes, 'answers:list' | 'answers:save' | 'answers:delete' | 'answers:use'> = {
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
      const files = await services.attachments.refs({ answersOf: staff.clinicId }, input.attachments);
      const answer = await services.stores.answers.save(staff.clinicId, input, files);
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

  'answers:use': {
    access: 'write',
    allow: isWriter,
    async handle({ services, staff, me }, { answerId }, thread) {
      const answer = await services.stores.answers.get(staff.clinicId, answerId);
      if (!answer) throw new ClientError('NOT_FOUND');
      const clinic = await services.stores.clinics.get(staff.clinicId);
      const { name } = await services.stores.visitors.profile(thread.visitorId, clinic?.locale ?? 'ru');
      const attachments = await services.attachments.copyIntoThread(
        staff.clinicId,
        answer.attachments ?? [],
        thread.id,
        senderKey({ kind: 'staff', staff: me }),
      );
      return { text: fillAnswer(answer.text, name), attachments };
    },
  },
};
