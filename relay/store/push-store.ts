/**
 * Web Push for staff (issue 12 §1): the relay's VAPID key pair, made on the first start
 * (relay-server.ts asks for it) and kept in Redis so every relay signs with the same one
 * (the first writer wins),
 * and each staff member's browser subscriptions.
 */
import webpush from 'web-push';
import type { ClinicId, StaffId } from '../../protocol/ids.ts';
import type { PushSubscriptionBody } from '../../protocol/push.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';
import { createTtlCache } from './ttl-cache.ts';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** How stale the send path's list of a clinic's subscribed staff may be (a new subscription on another relay waits at most this for its first push). */
const SUBSCRIBED_STAFF = { ttlMs: 5_000, maxEntries: 10_000 };

export function createPushStore(redis: RelayRedis) {
  let vapid: Promise<VapidKeys> | null = null;
  const subscribed = createTtlCache(SUBSCRIBED_STAFF, async (clinicId: ClinicId) => (await redis.smembers(keys.pushStaff(clinicId))) as StaffId[]);

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

    /** Stores a browser's subscription and lists its owner among the clinic's subscribed staff (after, so the list never misses a stored one). */
    async subscribe(staffId: StaffId, clinicId: ClinicId, subscription: PushSubscriptionBody): Promise<void> {
      await redis.hset(keys.pushSubscriptions(staffId), subscription.endpoint, JSON.stringify(subscription));
      await redis.sadd(keys.pushStaff(clinicId), staffId);
      subscribed.delete(clinicId);
    },

    /**
     * Drops a subscription; a member left with none leaves the clinic's list. The two keys
     * have different hash tags, so no script: the count is read again after the removal,
     * and a subscription stored meanwhile puts the member back.
     */
    async unsubscribe(staffId: StaffId, clinicId: ClinicId, endpoint: string): Promise<void> {
      const subscriptions = keys.pushSubscriptions(staffId);
      await redis.hdel(subscriptions, endpoint);
      if ((await redis.hlen(subscriptions)) > 0) return;
      await redis.srem(keys.pushStaff(clinicId), staffId);
      if ((await redis.hlen(subscriptions)) > 0) await redis.sadd(keys.pushStaff(clinicId), staffId);
      subscribed.delete(clinicId);
    },

    /**
     * Lists a member with subscriptions among the clinic's subscribed staff: for ones stored
     * before that list existed, when the member's console connects (one HLEN).
     */
    async listIfSubscribed(staffId: StaffId, clinicId: ClinicId): Promise<void> {
      if ((await redis.hlen(keys.pushSubscriptions(staffId))) === 0) return;
      await redis.sadd(keys.pushStaff(clinicId), staffId);
      subscribed.delete(clinicId);
    },

    /**
     * The clinic's staff with a subscription, as read at most a few seconds ago (changes on
     * this relay at once): a patient message to a clinic where nobody subscribed, the
     * common case, costs no Redis call (issue 14 §5).
     */
    subscribedStaff: (clinicId: ClinicId): Promise<StaffId[]> => subscribed.get(clinicId),

    async list(staffId: StaffId): Promise<PushSubscriptionBody[]> {
      return Object.values(await redis.hgetall(keys.pushSubscriptions(staffId))).map((raw) => JSON.parse(raw) as PushSubscriptionBody);
    },
  };
}

export type PushStore = ReturnType<typeof createPushStore>;
