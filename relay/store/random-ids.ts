import { createHash, randomBytes } from 'node:crypto';

/**
 * 128 random bits as 22 URL-safe characters: ids of threads, clinics, staff, visitors, API
 * keys. Never with a leading "-": an operator passes ids to the CLI (`--revoke <key id>`),
 * whose option parser takes "-…" for an option (one id in 64 broke it).
 */
export function newEntityId<T extends string>(): T {
  const id = randomBytes(16).toString('base64url');
  return (id.startsWith('-') ? `_${id.slice(1)}` : id) as T;
}

/** 256 random bits: visitor tokens and staff session tokens. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Secrets are stored only as their hash, so a leaked database opens no conversation. */
export function hashSecret(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
