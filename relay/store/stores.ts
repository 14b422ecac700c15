import type { RelayConfig } from '../config.ts';
import { isCluster, type RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';
import { createAccessLog } from './access-log.ts';
import { createTwoFactorStore } from './two-factor-store.ts';
import { createIdentitySecretStore } from './identity-secret-store.ts';
import { createAnswerStore } from './answer-store.ts';
import { createContactStore } from '../notify/contact-store.ts';
import { createClinicStore } from './clinic-store.ts';
import { createInboxIndex } from './inbox-index.ts';
import { createPostIndex } from './post-index.ts';
import { createQueueSettingsStore } from './queue-settings-store.ts';
import { createSearchIndex } from './search-index.ts';
import { createPushStore } from './push-store.ts';
import { createSessionStore } from './session-store.ts';
import { createStaffStore } from './staff-store.ts';
import { createThreadStore } from './thread-store.ts';
import { createVisitorStore } from './visitor-store.ts';
import { createConsentStore } from './consent-store.ts';
import { createVerifiedPatients } from './verified-patients.ts';
import { createApiKeyStore } from '../reviews/api-key-store.ts';
import { createReviewStore } from '../reviews/review-store.ts';
import { createWebhookStore } from '../reviews/webhook-store.ts';
import { createReviewSettingsStore } from '../reviews/review-settings-store.ts';

/** Every store over one Redis connection. */
export function createStores(redis: RelayRedis, config: Pick<RelayConfig, 'sessionTtlSeconds' | 'threadMaxMessages'>) {
  const threads = createThreadStore(redis, { maxMessages: config.threadMaxMessages });
  const visitors = createVisitorStore(redis);
  const inbox = createInboxIndex(redis, threads.get);
  return {
    clinics: createClinicStore(redis),
    staff: createStaffStore(redis),
    sessions: createSessionStore(redis, config.sessionTtlSeconds),
    visitors,
    threads,
    inbox,
    posts: createPostIndex(redis, inbox, { cluster: isCluster(redis) }),
    accessLog: createAccessLog(redis),
    twoFactor: createTwoFactorStore(redis),
    identity: createIdentitySecretStore(redis),
    answers: createAnswerStore(redis),
    contacts: createContactStore(redis),
    apiKeys: createApiKeyStore(redis),
    reviews: createReviewStore(redis),
    webhooks: createWebhookStore(redis),
    reviewSettings: createReviewSettingsStore(redis),
    queueSettings: createQueueSettingsStore(redis),
    push: createPushStore(redis),
    consents: createConsentStore(redis),
    verifiedPatients: createVerifiedPatients(redis),
    search: createSearchIndex(redis, {
      thread: threads.get,
      patientThreads: (visitor) => visitors.allThreads(visitor),
      patientField: async (visitor, field) => (await redis.hget(keys.visitor(visitor), field)) || null,
    }),
  };
}

export type Stores = ReturnType<typeof createStores>;
