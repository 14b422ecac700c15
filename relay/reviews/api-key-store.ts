/**
 * Clinic API keys for the server API: `cck_<256 random bits>`, shown once and stored only
 * as their SHA-256 (a leaked database opens nothing). A key has a public id for listing
 * and revoking; revoking deletes the lookup at once.
 */
import type { ClinicId } from '../../protocol/ids.ts';
import type { RelayRedis } from '../store/redis-client.ts';
import { hashSecret, newEntityId, newSecretToken } from '../store/random-ids.ts';
import { reviewKeys } from './review-keys.ts';

const KEY_PREFIX = 'cck_';

export interface ApiKeySummary {
  keyId: string;
  createdAt: number;
  /** What the owner named it (keys made by the CLI have none). */
  label: string | null;
}

interface StoredKey {
  hash: string;
  createdAt: number;
  label?: string;
}

export function createApiKeyStore(redis: RelayRedis) {
  return {
    /** A new key for the clinic: the caller shows `key` once; only its hash stays. */
    async create(clinicId: ClinicId, label?: string): Promise<{ keyId: string; key: string }> {
      const key = `${KEY_PREFIX}${newSecretToken()}`;
      const keyId = newEntityId<string>();
      const hash = hashSecret(key);
      const stored: StoredKey = { hash, createdAt: Date.now(), ...(label ? { label } : {}) };
      // The key and the clinic's list are two slots on a cluster: listed first, so no key
      // works that the owner cannot see and revoke.
      await redis.hset(reviewKeys.apiKeys(clinicId), keyId, JSON.stringify(stored));
      await redis.set(reviewKeys.apiKey(hash), JSON.stringify({ clinicId, keyId }));
      return { keyId, key };
    },

    /** False when the clinic has no such key. */
    async revoke(clinicId: ClinicId, keyId: string): Promise<boolean> {
      const raw = await redis.hget(reviewKeys.apiKeys(clinicId), keyId);
      if (!raw) return false;
      const { hash } = JSON.parse(raw) as StoredKey;
      // It stops working first, then leaves the list.
      await redis.del(reviewKeys.apiKey(hash));
      await redis.hdel(reviewKeys.apiKeys(clinicId), keyId);
      return true;
    },

    async list(clinicId: ClinicId): Promise<ApiKeySummary[]> {
      const all = await redis.hgetall(reviewKeys.apiKeys(clinicId));
      return Object.entries(all)
        .map(([keyId, raw]) => {
          const stored = JSON.parse(raw) as StoredKey;
          return { keyId, createdAt: stored.createdAt, label: stored.label ?? null };
        })
        .sort((a, b) => a.createdAt - b.createdAt);
    },

    /** The clinic a presented key belongs to, or null (unknown, revoked or malformed). */
    async resolve(key: string): Promise<{ clinicId: ClinicId; keyId: string } | null> {
      if (!key.startsWith(KEY_PREFIX)) return null;
      const raw = await redis.get(reviewKeys.apiKey(hashSecret(key)));
      return raw ? (JSON.parse(raw) as { clinicId: ClinicId; keyId: string }) : null;
    },
  };
}

export type ApiKeyStore = ReturnType<typeof createApiKeyStore>;
