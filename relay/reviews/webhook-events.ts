/**
 * Turning a review conversation's news into a queued webhook event (issue 13 §1). Queued,
 * never awaited by the patient's side: a failing queue is logged and blocks nothing.
 */
import type { Logger } from 'pino';
import type { ClinicId } from '../../protocol/ids.ts';
import type { WebhookEvent, WebhookEventType } from '../../protocol/review-api.ts';
import { newEntityId } from '../store/random-ids.ts';
import type { StoredReviewConversation } from './review-store.ts';
import type { WebhookQueue } from './webhook-queue.ts';

export type Announce = (
  clinicId: ClinicId,
  type: WebhookEventType,
  conversation: Pick<StoredReviewConversation, 'id' | 'threadId' | 'status' | 'review'>,
  extra?: Pick<WebhookEvent['data'], 'rating'>,
) => Promise<void>;

export function createAnnounce(webhooks: WebhookQueue, log: Logger): Announce {
  return async (clinicId, type, conversation, extra = {}) => {
    const event: WebhookEvent = {
      id: newEntityId(),
      type,
      data: { review: { id: conversation.review.id }, conversationId: conversation.id, threadId: conversation.threadId, status: conversation.status, ...extra },
      at: new Date().toISOString(),
    };
    try {
      await webhooks.enqueue(clinicId, event);
    } catch (error) {
      log.error({ code: 'RELAY_ERR_WEBHOOK_ENQUEUE', clinicId, event: type, type: (error as Error)?.name }, 'a webhook delivery could not be queued');
    }
  };
}
