import type { ClinicId, StaffId } from '../../protocol/ids.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';
import { hashSecret, newSecretToken } from './random-ids.ts';

export interface StaffSession {
  staffId: StaffId;
  clinicId: ClinicId;
  expiresAt: number;
  /** Last use (a request or a socket event), at most TOUCH_EVERY_MS old: for the clinic's idle timeout. */
  seenAt: number;
  /** Hash of the token: names the session in rooms and logs without revealing it. */
  id: string;
}

/**
 * Staff sessions live in Redis with an expiry; the browser holds only the token, in an
 * HttpOnly cookie. Each member's session ids are also kept in a set (expiring with the
 * newest session), so a password reset or a deactivation ends every one of them; the set
 * may name sessions that already expired, which deleting again is harmless.
 */
/** A session's last use is written at most this often. */
const TOUCH_EVERY_MS = 60_000;

/** When the session ends: its absolute lifetime, or sooner when unused for `idleMinutes` (0: never idle). */
export const sessionEnd = (session: StaffSession, idleMinutes: number): number =>
  idleMinutes > 0 ? Math.min(session.expiresAt, session.seenAt + idleMinutes * 60_000) : session.expiresAt;

export function createSessionStore(redis: RelayRedis, ttlSeconds: number) {
  async function byId(id: string): Promise<StaffSession | null> {
    const raw = await redis.get(keys.session(id));
    if (!raw) return null;
    const stored = JSON.parse(raw) as Omit<StaffSession, 'id' | 'seenAt'> & { seenAt?: number };
    // Sessions made before idle timeouts count as used when made.
    return stored.expiresAt > Date.now() ? { ...stored, seenAt: stored.seenAt ?? 0, id } : null;
  }

  return {
    async create(staffId: StaffId, clinicId: ClinicId): Promise<{ token: string; session: StaffSession }> {
      const token = newSecretToken();
      const id = hashSecret(token);
      const now = Date.now();
      const session: StaffSession = { staffId, clinicId, expiresAt: now + ttlSeconds * 1000, seenAt: now, id };
      // The member's set and the session live in two slots on a cluster: the set first, so
      // no session exists that "end all sessions" cannot find (a stray id there is harmless).
      await redis.multi().sadd(keys.staffSessions(staffId), id).expire(keys.staffSessions(staffId), ttlSeconds).exec();
      await redis.set(keys.session(id), JSON.stringify({ staffId, clinicId, expiresAt: session.expiresAt, seenAt: now }), 'EX', ttlSeconds);
      return { token, session };
    },

    async get(token: string): Promise<StaffSession | null> {
      return byId(hashSecret(token));
    },

    /** The session named by its id (the token's hash), as sockets and rooms know it. */
    byId,

    /** Notes a use of the session (at most once a minute, tracked on `session`); never revives one that ended meanwhile (XX). */
    async touch(session: StaffSession): Promise<void> {
      const now = Date.now();
      if (now - session.seenAt < TOUCH_EVERY_MS) return;
      session.seenAt = now;
      // Only the last use changes: what the caller holds may carry an idle-shortened expiresAt.
      const raw = await redis.get(keys.session(session.id));
      if (!raw) return;
      await redis.set(keys.session(session.id), JSON.stringify({ ...(JSON.parse(raw) as object), seenAt: now }), 'KEEPTTL', 'XX');
    },

    async end(token: string): Promise<string> {
      const id = hashSecret(token);
      const session = await byId(id);
      await redis.del(keys.session(id));
      if (session) await redis.srem(keys.staffSessions(session.staffId), id);
      return id;
    },

    /** Ends every session of one member, but `keep` if given (the one that asked); returns the ids ended. */
    async endAllOf(staffId: StaffId, keep?: string): Promise<string[]> {
      const ids = (await redis.smembers(keys.staffSessions(staffId))).filter((id) => id !== keep);
      if (ids.length === 0) return ids;
      // Each session is its own slot on a cluster: ended one by one, then forgotten.
      await Promise.all(ids.map((id) => redis.del(keys.session(id))));
      await redis.srem(keys.staffSessions(staffId), ...ids);
      return ids;
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
