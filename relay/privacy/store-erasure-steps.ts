/**
 * The relay's own erasure steps, in the order they run: live sockets first (nothing new
 * arrives for a thread being erased), pending notifications, the threads and their index
 * entries, the copies shared streams keep (the adapter's broadcast stream, BullMQ's event
 * streams, the mail catcher's list) — after the cancellations, which add events there, and
 * before the patient's records, whose addresses they search for —, then the patient's
 * records and credentials.
 */
import type { ClinicId, ThreadId, VisitorId } from '../../protocol/ids.ts';
import { rooms } from '../access/visibility.ts';
import { NOTIFY_KINDS, QUEUE_NAME, type NotificationQueue } from '../notify/notification-queue.ts';
import { notifyKeys } from '../notify/notify-keys.ts';
import { reviewKeys } from '../reviews/review-keys.ts';
import { WEBHOOK_QUEUE_NAME } from '../reviews/webhook-queue.ts';
import type { VisitorNamespace } from '../realtime/namespaces.ts';
import { keys } from '../store/keys.ts';
import type { RelayRedis } from '../store/redis-client.ts';
import type { ThreadMeta } from '../store/thread-meta.ts';
import type { ContactStore } from '../notify/contact-store.ts';
import { threadSlot } from '../store/visitor-store.ts';
import { senderCounterKeys, visitorSender } from '../realtime/sender-limiter.ts';
import { needlesOf, type ErasureStep } from './erasure-step.ts';
import { scrubList, scrubStream } from './stream-scrub.ts';
import { deleteByValue } from '../store/delete-by-value.ts';
import { scanKeys } from '../store/scan-keys.ts';
import type { SearchIndex } from '../store/search-index.ts';
import { verifiedIdentityStep } from './verified-identity-step.ts';

/** The redis-streams adapter's default stream (relay-server.ts does not rename it). */
const ADAPTER_STREAM = 'socket.io';
/** Keys read per SCAN while looking for the review conversation of a thread. */
const SCAN_COUNT = 1_000;
/** Keys whose value is the visitor id (tokens) or JSON naming it (resume codes): no index leads to them. */
const BY_VALUE_PREFIXES = ['visitor-token:', 'resume-code:'];

export interface StoreErasureDeps {
  redis: RelayRedis;
  contacts: Pick<ContactStore, 'getPatientContact'>;
  visitors: VisitorNamespace;
  notifications: Pick<NotificationQueue, 'cancel'>;
  search: Pick<SearchIndex, 'forgetThread' | 'forgetPatient'>;
}

export function storeErasureSteps({ redis, contacts, visitors, notifications, search }: StoreErasureDeps): ErasureStep[] {
  const sockets: ErasureStep = {
    name: 'sockets',
    async erasePatient(_clinicId, visitorId) {
      visitors.in(rooms.visitor(visitorId)).disconnectSockets(true);
    },
  };

  const pendingNotifications: ErasureStep = {
    name: 'notifications',
    async eraseThreads(_clinicId, threads) {
      await Promise.all(threads.flatMap((thread) => NOTIFY_KINDS.map((kind) => notifications.cancel(kind, thread.id))));
    },
  };

  // Before the threads: forgetting a thread's words reads its messages.
  const searchEntries: ErasureStep = {
    name: 'search',
    async eraseThreads(clinicId, threads) {
      for (const thread of threads) await search.forgetThread(clinicId, thread.id);
    },
    async erasePatient(clinicId, visitorId) {
      await search.forgetPatient(clinicId, visitorId);
    },
  };

  const threadRecords: ErasureStep = {
    name: 'threads',
    async eraseThreads(clinicId, threads) {
      if (threads.length === 0) return;
      const membership = keys.inboxMembership(clinicId);
      const records = await redis.hmget(membership, ...threads.map((t) => t.id));
      // Per slot, not one MULTI (on a cluster the clinic's, each thread's and each patient's
      // keys live apart): the inbox first, so no list names a thread whose records are gone;
      // an erasure that stops midway is run again and finds what is left.
      const inbox = redis.multi();
      threads.forEach((thread, i) => {
        const record = records[i];
        for (const set of record ? (JSON.parse(record) as { keys: string[] }).keys : []) inbox.zrem(set, thread.id);
        inbox.hdel(membership, thread.id);
      });
      await inbox.exec();
      await Promise.all(
        threads.map(async (thread) => {
          const id = thread.id;
          await redis.del(
            keys.threadMeta(id),
            keys.threadStream(id),
            keys.threadDedup(id),
            keys.threadAlerts(id),
            ...NOTIFY_KINDS.map((kind) => notifyKeys.cooldown(kind, id)),
          );
          // The patient's slot and timeline stop naming it (a retention erasure keeps the patient).
          const slot = threadSlot(thread.doctor?.id ?? null);
          await Promise.all([redis.srem(keys.visitorAllThreads(thread.visitorId), id), redis.lrem(keys.visitorTimeline(thread.visitorId, slot), 0, id)]);
        }),
      );
      await Promise.all(threads.map((thread) => releaseSlot(thread)));
      await Promise.all(threads.map((thread) => forgetReview(clinicId, thread.id)));
    },
  };

  async function releaseSlot(thread: ThreadMeta): Promise<void> {
    const slot = threadSlot(thread.doctor?.id ?? null);
    if ((await redis.hget(keys.visitorThreads(thread.visitorId), slot)) === thread.id) await redis.hdel(keys.visitorThreads(thread.visitorId), slot);
  }

  async function forgetReview(clinicId: ClinicId, threadId: ThreadId): Promise<void> {
    // Review conversations are few per clinic and keyed by their own id: find the one holding this thread.
    for await (const batch of scanKeys(redis, { match: reviewKeys.conversation(clinicId, '*'), count: SCAN_COUNT })) {
      for (const key of batch) {
        const [thread, reviewId] = await redis.hmget(key, 'threadId', 'reviewId');
        if (thread !== threadId) continue;
        await redis
          .multi()
          .del(key)
          .hdel(reviewKeys.reviewIndex(clinicId), reviewId ?? '')
          .exec();
      }
    }
  }

  const patientRecords: ErasureStep = {
    name: 'patient',
    async erasePatient(_clinicId, visitorId) {
      // The timelines emptied with the threads, and Redis drops an empty list. One DEL per
      // key: they have no common hash tag (on a cluster they live on different nodes).
      const doomed = [
        keys.visitor(visitorId),
        keys.visitorThreads(visitorId),
        keys.visitorAllThreads(visitorId),
        notifyKeys.visitorContact(visitorId),
        notifyKeys.visitorInvitation(visitorId),
        ...senderCounterKeys(visitorSender(visitorId)),
      ];
      await Promise.all(doomed.map((key) => redis.del(key)));
      await deleteByValue(redis, BY_VALUE_PREFIXES, visitorId);
    },
  };

  const sharedCopies: ErasureStep = {
    name: 'shared-streams',
    async eraseThreads(_clinicId, threads) {
      await scrubAll(
        needlesOf(
          null,
          threads.map((t) => t.id),
        ),
      );
    },
    async erasePatient(_clinicId, visitorId: VisitorId) {
      // A mail or SMS to the patient names their address, not their id.
      const [contact, identity] = await Promise.all([contacts.getPatientContact(visitorId), redis.hmget(keys.visitor(visitorId), 'email', 'phone')]);
      const addresses = [contact?.email, contact?.phone, ...identity].filter((value): value is string => Boolean(value));
      await scrubAll([visitorId, ...addresses]);
    },
  };

  async function scrubAll(needles: string[]): Promise<void> {
    await Promise.all([
      scrubStream(redis, ADAPTER_STREAM, needles),
      scrubStream(redis, `${notifyKeys.queuePrefix}:${QUEUE_NAME}:events`, needles),
      scrubStream(redis, `${reviewKeys.webhookQueuePrefix}:${WEBHOOK_QUEUE_NAME}:events`, needles),
      scrubList(redis, notifyKeys.caught(), needles),
    ]);
  }

  // The verified identity's index entry is found through the patient's record: before it goes.
  return [sockets, pendingNotifications, searchEntries, threadRecords, sharedCopies, verifiedIdentityStep(redis), patientRecords];
}
