/**
 * Web Push for staff (issue 12 §1): the relay's VAPID key pair, made on the first start
 * (relay-server.ts asks for it) and kept in Redis so every relay signs with the same one
 * (the first writer wins),
 * and each staff member's browser subscriptions.
 */
import webpush from 'web-push';
import type { StaffId } from '../../protocol/ids.ts';
import type { PushSubscriptionBody } from '../../protocol/push.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export function createPushStore(redis: RelayRedis) {
  let vapid: Promise<VapidKeys> | null = null;

  async function loadOrMake(): Promise<VapidKeys> {
    const fresh = webpush.generateVAPIDKeys();
    await redis.set(keys.vapidKeys(), JSON.stringify(fresh), 'NX');
    return JSON.parse((await redis.get(keys.vapidKeys()))!) as VapidKeys;
  }

  return {
    vapidKeys(): Promise<VapidKeys> {
      vapid ??= loadOrMake().catch((error: unknown) => {
        vapid = null;
        throw error;
      });
      return vapid;
    },

    async subscribe(staffId: StaffId, subscription: PushSubscriptionBody): Promise<void> {
      await redis.hset(keys.pushSubscriptions(staffId), subscription.endpoint, JSON.stringify(subscription));
    },

    async unsubscribe(staffId: StaffId, endpoint: string): Promise<void> {
      await redis.hdel(keys.pushSubscriptions(staffId), endpoint);
    },

    async list(staffId: StaffId): Promise<PushSubscriptionBody[]> {
      return Object.values(await redis.hgetall(keys.pushSubscriptions(staffId))).map((raw) => JSON.parse(raw) as PushSubscriptionBody);
    },
  };
}

export type PushStore = ReturnType<typeof createPushStore>;
