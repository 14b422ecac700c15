/**
 * Status steps and the patient's answer on a complaint (issue 13 §1, R13). Staff move a
 * complaint to one of the clinic's steps; the patient answers "My problem is solved" or
 * "Not yet", then may rate. Each is one atomic change of the thread (thread-store's
 * change script, de-duplicated by action id for staff), pushed to the patient and staff
 * as `thread:update`. The patient's "solved" on a thread about a review also marks the
 * review's conversation `solved-by-patient` and tells the review site (`review.solved`,
 * then `conversation.rated`). Staff setting the status `solved` does neither.
 */
import type { ActionId } from '../../protocol/ids.ts';
import type { StaffRef } from '../../protocol/model.ts';
import type { PatientSolution, ResolveThread } from '../../protocol/review-flow.ts';
import { ClientError } from '../errors.ts';
import type { ConversationActions } from '../realtime/conversation-actions.ts';
import type { FanOut } from '../realtime/fan-out.ts';
import type { Stores } from '../store/stores.ts';
import type { ThreadMeta } from '../store/thread-store.ts';
import type { ReportRecorder } from '../reports/report-recorder.ts';
import type { Announce } from './webhook-events.ts';

export interface ThreadResolutionDeps {
  stores: Stores;
  actions: ConversationActions;
  fanOut: FanOut;
  announce: Announce;
  reports: Pick<ReportRecorder, 'patientAnswered'>;
}

/** The patient's answer exists where the clinic gave them something to answer: a review, or steps. */
const answerable = (thread: ThreadMeta) => thread.review !== null || thread.steps.length > 0;

/** What the request makes of the current answer, or a coded refusal. */
function nextSolution(current: PatientSolution | null, { solved, rating, comment }: ResolveThread, now: number): PatientSolution {
  if (!solved && (rating !== undefined || comment !== undefined))
    throw new ClientError('BAD_REQUEST', { path: '/rating', reason: 'only a solved problem is rated' });
  // "Solved" is the patient's last word on the review: the review site has been told.
  if (!solved && current?.solved) throw new ClientError('BAD_REQUEST', { path: '/solved', reason: 'already solved' });
  return {
    solved,
    at: current?.solved && solved ? current.at : now,
    rating: rating ?? current?.rating ?? null,
    comment: comment?.trim() || current?.comment || null,
  };
}

export function createThreadResolution({ stores, actions, fanOut, announce, reports }: ThreadResolutionDeps) {
  async function tellReviewSite(thread: ThreadMeta, before: PatientSolution | null, after: PatientSolution): Promise<void> {
    const link = await stores.reviews.ofThread(thread.id);
    if (!link) return;
    const conversation = await stores.reviews.get(thread.clinicId, link.conversationId);
    if (!conversation) return;
    if (after.solved && !before?.solved) {
      conversation.status = 'solved-by-patient';
      await stores.reviews.setStatus(thread.clinicId, conversation.id, conversation.status);
      await announce(thread.clinicId, 'review.solved', conversation);
    }
    if (after.rating !== null && after.rating !== before?.rating) await announce(thread.clinicId, 'conversation.rated', conversation, { rating: after.rating });
  }

  return {
    /** Staff: the complaint reaches the clinic's step `stepId` (the same step again changes nothing). */
    async setStep(by: StaffRef, thread: ThreadMeta, stepId: string, actionId?: ActionId): Promise<ThreadMeta> {
      if (!thread.complaint) throw new ClientError('NOT_A_COMPLAINT');
      const step = (await stores.reviewSettings.steps(thread.clinicId)).find((s) => s.id === stepId);
      if (!step) throw new ClientError('BAD_REQUEST', { path: '/stepId', reason: 'not one of the clinic’s steps' });
      if (thread.steps.at(-1)?.id === stepId) return thread;
      return actions.change(by, thread, { steps: [...thread.steps, { ...step, at: Date.now() }] }, actionId);
    },

    /** The patient: solved or not yet, and a rating after "solved". */
    async resolve(thread: ThreadMeta, request: ResolveThread): Promise<ThreadMeta> {
      if (!answerable(thread)) throw new ClientError('NOT_A_COMPLAINT');
      const solution = nextSolution(thread.solution, request, Date.now());
      const result = await stores.threads.change(thread.id, { solution });
      if (result.changed) {
        fanOut.thread(result.meta);
        await tellReviewSite(result.meta, thread.solution, solution);
        await reports.patientAnswered(result.meta, thread.solution, solution);
      }
      await stores.inbox.index(result.meta);
      return result.meta;
    },
  };
}

export type ThreadResolution = ReturnType<typeof createThreadResolution>;
