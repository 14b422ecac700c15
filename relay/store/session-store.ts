import type { ClinicId, StaffId } from '../../protocol/ids.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';
import { hashSecret, newSecretToken } from './random-ids.ts';

export interface StaffSession {
  staffId: StaffId;
  clinicId: ClinicId;
  expiresAt: number;
  /** Hash of the token: names the session in rooms and logs without revealing it. */
  id: string;
}

/**
 * Staff sessions live in Redis with an expiry; the browser holds only the token, in an
 * HttpOnly cookie. Each member's session ids are also kept in a set (expiring with the
 * newest session), so a password reset or a deactivation ends every one of them; the set
 * may name sessions that already expired, which deleting again is harmless.
 */
export function createSessionStore(redis: RelayRedis, ttlSeconds: number) {
  async function byId(id: string): Promise<StaffSession | null> {
    const raw = await redis.get(keys.session(id));
    if (!raw) return null;
    const stored = JSON.parse(raw) as Omit<StaffSession, 'id'>;
    return stored.expiresAt > Date.now() ? { ...stored, id } : null;
  }

  return {
    async create(staffId: StaffId, clinicId: ClinicId): Promise<{ token: string; session: StaffSession }> {
      const token = newSecretToken();
      const id = hashSecret(token);
      const session: StaffSession = { staffId, clinicId, expiresAt: Date.now() + ttlSeconds * 1000, id };
      await redis
        .multi()
        .set(keys.session(id), JSON.stringify({ staffId, clinicId, expiresAt: session.expiresAt }), 'EX', ttlSeconds)
        .sadd(keys.staffSessions(staffId), id)
        .expire(keys.staffSessions(staffId), ttlSeconds)
        .exec();
      return { token, session };
    },

    async get(token: string): Promise<StaffSession | null> {
      return byId(hashSecret(token));
    },

    /** The session named by its id (the token's hash), as sockets and rooms know it. */
    byId,

    async end(token: string): Promise<string> {
      const id = hashSecret(token);
      const session = await byId(id);
      const multi = redis.multi().del(keys.session(id));
      if (session) multi.srem(keys.staffSessions(session.staffId), id);
      await multi.exec();
      return id;
    },

    /** Ends every session of one member, but `keep` if given (the one that asked); returns the ids ended. */
    async endAllOf(staffId: StaffId, keep?: string): Promise<string[]> {
      const ids = (await redis.smembers(keys.staffSessions(staffId))).filter((id) => id !== keep);
      if (ids.length === 0) return ids;
      const multi = redis.multi();
      for (const id of ids) multi.del(keys.session(id));
      await multi.srem(keys.staffSessions(staffId), ...ids).exec();
      return ids;
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
