/**
 * Review conversations: one per review id per clinic, reserved atomically (one script on
 * the clinic's slot), and the review's id, URL and rating on the thread's meta hash so
 * the thread's readers (the notice resolver, later the console and widget) find it. The
 * review's text is never stored.
 */
import type { ClinicId, ThreadId } from '../../protocol/ids.ts';
import type { ReviewConversation, ReviewConversationStatus } from '../../protocol/review-api.ts';
import { keys } from '../store/keys.ts';
import type { RelayRedis } from '../store/redis-client.ts';
import { reviewKeys } from './review-keys.ts';

export type StoredReviewConversation = Omit<ReviewConversation, 'link'> & { clinicId: ClinicId };

export interface ThreadReview {
  conversationId: string;
  id: string;
  url: string;
  rating: number;
}

// The index entry and the record appear together, or the review already has a conversation (its id returned).
const RESERVE = `
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if existing then return existing end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], unpack(ARGV, 3))
return ARGV[2]`;

function fromHash(clinicId: ClinicId, id: string, hash: Record<string, string>): StoredReviewConversation | null {
  if (!hash.threadId) return null;
  return {
    id,
    clinicId,
    threadId: hash.threadId,
    status: hash.status as ReviewConversationStatus,
    review: { id: hash.reviewId!, url: hash.reviewUrl!, rating: Number(hash.reviewRating) },
    createdAt: Number(hash.createdAt),
  };
}

export function createReviewStore(redis: RelayRedis) {
  async function get(clinicId: ClinicId, id: string): Promise<StoredReviewConversation | null> {
    return fromHash(clinicId, id, await redis.hgetall(reviewKeys.conversation(clinicId, id)));
  }

  return {
    get,

    async byReview(clinicId: ClinicId, reviewId: string): Promise<StoredReviewConversation | null> {
      const id = await redis.hget(reviewKeys.reviewIndex(clinicId), reviewId);
      return id ? get(clinicId, id) : null;
    },

    /** Records the conversation unless the review has one: returns whichever holds the review. */
    async reserve(conversation: StoredReviewConversation): Promise<{ created: boolean; id: string }> {
      const { clinicId, id, review } = conversation;
      const winner = (await redis.eval(
        RESERVE,
        2,
        reviewKeys.reviewIndex(clinicId),
        reviewKeys.conversation(clinicId, id),
        review.id,
        id,
        ...['threadId', conversation.threadId, 'status', conversation.status, 'createdAt', String(conversation.createdAt)],
        ...['reviewId', review.id, 'reviewUrl', review.url, 'reviewRating', String(review.rating)],
      )) as string;
      return { created: winner === id, id: winner };
    },

    /** The patient said their problem is solved (issue 13 §1): the review's conversation says so to the API. */
    async setStatus(clinicId: ClinicId, id: string, status: ReviewConversationStatus): Promise<void> {
      await redis.hset(reviewKeys.conversation(clinicId, id), 'status', status);
    },

    /** Puts the review on the thread's meta hash. */
    async linkThread(threadId: ThreadId, review: ThreadReview): Promise<void> {
      await redis.hset(keys.threadMeta(threadId), {
        reviewConversationId: review.conversationId,
        reviewId: review.id,
        reviewUrl: review.url,
        reviewRating: String(review.rating),
      });
    },

    /** The review a thread is about, or null for an ordinary thread. */
    async ofThread(threadId: ThreadId): Promise<ThreadReview | null> {
      const [conversationId, id, url, rating] = await redis.hmget(keys.threadMeta(threadId), 'reviewConversationId', 'reviewId', 'reviewUrl', 'reviewRating');
      return conversationId && id && url && rating ? { conversationId, id, url, rating: Number(rating) } : null;
    },
  };
}

export type ReviewStore = ReturnType<typeof createReviewStore>;
