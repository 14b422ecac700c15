/**
 * Staff second factor (issue 10 §1): TOTP (RFC 6238, otplib) and recovery codes. The TOTP
 * secret is kept as is — verifying needs it —, recovery codes only as hashes. A TOTP code
 * is accepted once: the time step it matched is remembered, and a code of that step or an
 * earlier one is refused (a code seen over a shoulder cannot be replayed). A recovery code
 * is removed when used (SREM answers 1 once).
 */
import { generateSecret, generateURI, verify } from 'otplib';
import type { StaffId } from '../../protocol/ids.ts';
import type { RelayRedis } from './redis-client.ts';
import { hashSecret, newSecretToken } from './random-ids.ts';

const PENDING_TTL_SECONDS = 10 * 60;
const RECOVERY_CODES = 10;
/** One step either side: a phone clock 30 s off still signs in. */
const EPOCH_TOLERANCE_SECONDS = 30;
/** The authenticator app shows this as the account's issuer. */
const ISSUER = 'Clinic chat';

const twoFactorKeys = {
  /** Hash: `secret` (base32) and `lastStep` (the last TOTP time step accepted). */
  secret: (id: StaffId) => `staff:${id}:2fa`,
  /** String with TTL: a secret being set up, until its first code enables it. */
  pending: (id: StaffId) => `staff:${id}:2fa-pending`,
  /** Set of the hashes of unused recovery codes. */
  recovery: (id: StaffId) => `staff:${id}:2fa-recovery`,
} as const;

// Accepts the step only if it is newer than the last accepted one: one use per code.
const ACCEPT_STEP = `
local last = tonumber(redis.call('HGET', KEYS[1], 'lastStep') or '-1')
if tonumber(ARGV[1]) <= last then return 0 end
redis.call('HSET', KEYS[1], 'lastStep', ARGV[1])
return 1`;

/** Recovery codes are typed by hand: case, spaces and dashes do not matter. */
const normalizeRecovery = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');
const isTotp = (code: string) => /^\d{6}$/.test(code.trim());

/** `xxxxx-xxxxx` from the URL-safe alphabet, lower case. */
function newRecoveryCode(): string {
  const raw = newSecretToken()
    .replace(/[^a-zA-Z0-9]/g, '')
    .toLowerCase()
    .slice(0, 10);
  return `${raw.slice(0, 5)}-${raw.slice(5, 10)}`;
}

export function createTwoFactorStore(redis: RelayRedis) {
  async function totpStep(secret: string, code: string): Promise<number | null> {
    const result = await verify({ secret, token: code.trim(), epochTolerance: EPOCH_TOLERANCE_SECONDS });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  return {
    async enabled(staffId: StaffId): Promise<boolean> {
      return (await redis.hexists(twoFactorKeys.secret(staffId), 'secret')) === 1;
    },

    /** A new secret, pending until `enable` sees a code from it; replaces an earlier pending one. */
    async begin(staffId: StaffId, label: string): Promise<{ secret: string; uri: string }> {
      const secret = generateSecret();
      await redis.set(twoFactorKeys.pending(staffId), secret, 'EX', PENDING_TTL_SECONDS);
      return { secret, uri: generateURI({ issuer: ISSUER, label, secret }) };
    },

    /** Turns the pending secret on if `code` is from it; returns the recovery codes (shown once), or null. */
    async enable(staffId: StaffId, code: string): Promise<string[] | null> {
      const secret = await redis.get(twoFactorKeys.pending(staffId));
      const step = secret && isTotp(code) ? await totpStep(secret, code) : null;
      if (!secret || step === null) return null;
      const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
      // Three slots on a cluster, so three steps: the recovery codes before the secret turns
      // 2FA on (a stop between leaves it off, and a new `enable` replaces the codes).
      const recovery = twoFactorKeys.recovery(staffId);
      await redis
        .multi()
        .del(recovery)
        .sadd(recovery, ...codes.map((c) => hashSecret(normalizeRecovery(c))))
        .exec();
      await redis.hset(twoFactorKeys.secret(staffId), { secret, lastStep: String(step) });
      await redis.del(twoFactorKeys.pending(staffId));
      return codes;
    },

    /** A TOTP code not used before, or an unused recovery code (then used up). */
    async check(staffId: StaffId, code: string): Promise<boolean> {
      if (isTotp(code)) {
        const secret = await redis.hget(twoFactorKeys.secret(staffId), 'secret');
        const step = secret ? await totpStep(secret, code) : null;
        return step !== null && (await redis.eval(ACCEPT_STEP, 1, twoFactorKeys.secret(staffId), step)) === 1;
      }
      return (await redis.srem(twoFactorKeys.recovery(staffId), hashSecret(normalizeRecovery(code)))) === 1;
    },
  };
}

export type TwoFactorStore = ReturnType<typeof createTwoFactorStore>;
