/**
 * A patient's consent to the processing of their data before the first message (issue 13
 * §3): the consent text's version and when it was given, a field of the visitor's own
 * hash, so erasing the patient (privacy/store-erasure-steps.ts deletes that hash) removes
 * it and no key of its own needs an erasure step.
 */
import type { ConsentRecord } from '../../protocol/first-screen.ts';
import type { VisitorId } from '../../protocol/ids.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';

const FIELD = 'consent';

export function createConsentStore(redis: RelayRedis) {
  return {
    /** Records the consent (a repeat replaces it: the newest text agreed to counts). The caller keeps the visitor. */
    async record(visitor: VisitorId, consent: ConsentRecord): Promise<void> {
      await redis.hset(keys.visitor(visitor), FIELD, JSON.stringify(consent));
    },

    async get(visitor: VisitorId): Promise<ConsentRecord | null> {
      const raw = await redis.hget(keys.visitor(visitor), FIELD);
      return raw ? (JSON.parse(raw) as ConsentRecord) : null;
    },
  };
}

export type ConsentStore = ReturnType<typeof createConsentStore>;
