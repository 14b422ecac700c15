/**
 * A clinic's webhook (URL and signing secret) and its delivery log. The secret is kept as
 * is, not hashed: the relay needs it to sign. The log holds, per attempt, the event type
 * and id, the HTTP status (null: no answer) and the attempt number — never a body.
 */
import type { ClinicId } from '../../protocol/ids.ts';
import type { WebhookDelivery } from '../../protocol/review-api.ts';

export type { WebhookDelivery };
import type { RelayRedis } from '../store/redis-client.ts';
import { newSecretToken } from '../store/random-ids.ts';
import { reviewKeys } from './review-keys.ts';

/** Delivery attempts kept per clinic. */
export const DELIVERY_LOG_LENGTH = 100;

export interface Webhook {
  url: string;
  secret: string;
}

export function createWebhookStore(redis: RelayRedis) {
  return {
    /** Sets the URL with a new secret (a changed URL never keeps the old one): returns the secret. */
    async set(clinicId: ClinicId, url: string): Promise<string> {
      const secret = `whsec_${newSecretToken()}`;
      await redis.hset(reviewKeys.webhook(clinicId), { url, secret });
      return secret;
    },
    async get(clinicId: ClinicId): Promise<Webhook | null> {
      const { url, secret } = await redis.hgetall(reviewKeys.webhook(clinicId));
      return url && secret ? { url, secret } : null;
    },
    async remove(clinicId: ClinicId): Promise<void> {
      await redis.del(reviewKeys.webhook(clinicId));
    },
    async logDelivery(clinicId: ClinicId, delivery: WebhookDelivery): Promise<void> {
      const key = reviewKeys.webhookDeliveries(clinicId);
      await redis
        .multi()
        .lpush(key, JSON.stringify(delivery))
        .ltrim(key, 0, DELIVERY_LOG_LENGTH - 1)
        .exec();
    },
    /** Newest first. */
    async deliveries(clinicId: ClinicId, count = DELIVERY_LOG_LENGTH): Promise<WebhookDelivery[]> {
      const raw = await redis.lrange(reviewKeys.webhookDeliveries(clinicId), 0, count - 1);
      return raw.map((entry) => JSON.parse(entry) as WebhookDelivery);
    },
  };
}

export type WebhookStore = ReturnType<typeof createWebhookStore>;
