/**
 * Redis keys of the server API (issue 13 §1). A clinic's keys share its `{c:ID}` hash tag,
 * so reserving a review's conversation is one script on one slot; BullMQ's webhook jobs
 * live under `{webhooks}`.
 */
import type { ClinicId } from '../../protocol/ids.ts';

export const reviewKeys = {
  /** String: an API key's hash → JSON { clinicId, keyId }. */
  apiKey: (keyHash: string) => `api-key:${keyHash}`,
  /** Hash: key id → JSON { hash, createdAt } of the clinic's live keys. */
  apiKeys: (clinicId: ClinicId) => `{c:${clinicId}}:api-keys`,
  /** Hash: review id → conversation id; one conversation per review per clinic. */
  reviewIndex: (clinicId: ClinicId) => `{c:${clinicId}}:review-conversations`,
  /** Hash: one conversation (thread id, review id/url/rating, status, createdAt). */
  conversation: (clinicId: ClinicId, id: string) => `{c:${clinicId}}:review-conversation:${id}`,
  /** Hash: the clinic's webhook { url, secret }. */
  webhook: (clinicId: ClinicId) => `{c:${clinicId}}:webhook`,
  /** List, newest first, capped: webhook delivery attempts (no body). */
  webhookDeliveries: (clinicId: ClinicId) => `{c:${clinicId}}:webhook-deliveries`,
  /** Hash: the clinic's review settings: `steps` (JSON StatusStep[]), `guidance` (JSON). */
  settings: (clinicId: ClinicId) => `{c:${clinicId}}:review-settings`,
  /** BullMQ's prefix for webhook jobs. */
  webhookQueuePrefix: '{webhooks}',
} as const;
