import type { ClinicId, ThreadId, VisitorId } from '../../protocol/ids.ts';
import type { Identify, PatientProfile } from '../../protocol/requests.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';
import { hashSecret, newEntityId, newSecretToken } from './random-ids.ts';
import { deleteByValue } from './delete-by-value.ts';

// A token issued to a page view that never writes is forgotten after a day; the
// first thread makes the visitor permanent.
const UNUSED_VISITOR_TTL_SECONDS = 24 * 60 * 60;

/**
 * Token rotation (issue 10 §4, the widget keeps its token in localStorage where any script
 * of the clinic's site can read it): a handshake with a token older than this gets a new
 * one in its `session`, and the old one stops working after a grace period — long enough
 * for the browser's other tabs, which share the stored token, to move to the new one. A
 * token copied off the page is thus refused (TOKEN_INVALID) once the patient's browser
 * has come back. The age keeps a page's reconnects (and its other tabs) from rotating
 * again and again.
 */
export const TOKEN_ROTATION = {
  rotateAfterMs: 10 * 60 * 1000, // 10 min
  graceSeconds: 2 * 60, // 2 min
} as const;

/**
 * A token's record, `visitor-token:<hash>` → `<visitor id> <issued at ms> <device>`: the
 * device names the browser the token and its successors were issued to, so "Forget this
 * device" ends them all and no other device's. Tokens from before rotation hold the
 * visitor id alone: issued at 0 (rotated at their next handshake), their own hash the device.
 */
function tokenRecord(value: string, tokenHash: string): { id: VisitorId; issuedAt: number; device: string; shortLived: boolean } {
  const [id, issuedAt, device, kind] = value.split(' ');
  return { id: id as VisitorId, issuedAt: Number(issuedAt ?? 0), device: device ?? tokenHash, shortLived: kind === SHORT_LIVED };
}
/** The record's fourth field on a connection token of cookie mode: never kept, never rotated. */
const SHORT_LIVED = 'c';
const recordValue = (id: VisitorId, device: string, kind = '') => `${id} ${Date.now()} ${device}${kind && ` ${kind}`}`;

/**
 * Cookie mode (http/visitor-credential-route.ts): the long-lived token lives in a
 * partitioned HttpOnly cookie for as long as a browser keeps one (400 days), renewed at
 * each rotation; the page gets only a connection token for its handshakes, which expires
 * after a few minutes, so one copied off the page is soon worthless.
 */
export const COOKIE_TOKENS = {
  cookieSeconds: 400 * 24 * 60 * 60,
  connectionSeconds: 10 * 60, // 10 min
} as const;

export interface Visitor {
  id: VisitorId;
  clinicId: ClinicId;
  /** Names the visitor's token without revealing it. */
  tokenHash: string;
  /** The browser the token was issued to (see tokenRecord). */
  device: string;
  /** A connection token of cookie mode: keeping the visitor leaves it to expire. */
  shortLived?: boolean;
}

const PSEUDONYM_WORD: Record<string, string> = { ru: 'Пациент', en: 'Patient' };

/** A stable pseudonym staff see until the patient gives a name: "Пациент #4821" in a Russian clinic. */
export function patientPseudonym(id: VisitorId, locale: string): string {
  let n = 0;
  for (const char of id) n = (n * 31 + char.charCodeAt(0)) % 9000;
  return `${PSEUDONYM_WORD[locale] ?? PSEUDONYM_WORD.en} #${1000 + n}`;
}

/** Which of a visitor's threads a new conversation of this kind continues. */
export const threadSlot = (doctorId: string | null) => (doctorId ? `doctor:${doctorId}` : 'general');

export function createVisitorStore(redis: RelayRedis) {
  async function resolveRecord(token: string, clinicId: ClinicId): Promise<{ visitor: Visitor; issuedAt: number } | null> {
    const tokenHash = hashSecret(token);
    const value = await redis.get(keys.visitorByToken(tokenHash));
    if (!value) return null;
    const { id, issuedAt, device, shortLived } = tokenRecord(value, tokenHash);
    const owner = await redis.hget(keys.visitor(id), 'clinicId');
    return owner === clinicId ? { visitor: { id, clinicId, tokenHash, device, ...(shortLived && { shortLived }) }, issuedAt } : null;
  }

  /** A token of the visitor's device that replaces `old`, which lives on for the grace period only; `ttl` null: no expiry. */
  async function rotate(old: Visitor, ttl: number | null): Promise<{ visitor: Visitor; token: string }> {
    const { id, clinicId, device } = old;
    const token = newSecretToken();
    const tokenHash = hashSecret(token);
    // Two keys in two hash slots (Redis Cluster): two steps, the new token first, so a failure between leaves both working.
    if (ttl !== null) await redis.set(keys.visitorByToken(tokenHash), recordValue(id, device), 'EX', ttl);
    else await redis.set(keys.visitorByToken(tokenHash), recordValue(id, device));
    await redis.expire(keys.visitorByToken(old.tokenHash), TOKEN_ROTATION.graceSeconds, 'LT');
    return { visitor: { id, clinicId, tokenHash, device }, token };
  }

  /** A first-time visitor, with its first token (living `tokenTtl` seconds). */
  async function issueVisitor(clinicId: ClinicId, tokenTtl: number): Promise<{ token: string; visitor: Visitor }> {
    const token = newSecretToken();
    const visitor: Visitor = { id: newEntityId<VisitorId>(), clinicId, tokenHash: hashSecret(token), device: newEntityId() };
    // The visitor and its token are two slots on a cluster: the visitor first, so a token
    // never names a missing visitor (a lone visitor expires unused).
    await redis
      .multi()
      .hset(keys.visitor(visitor.id), { clinicId, createdAt: String(Date.now()) })
      .expire(keys.visitor(visitor.id), UNUSED_VISITOR_TTL_SECONDS)
      .exec();
    await redis.set(keys.visitorByToken(visitor.tokenHash), recordValue(visitor.id, visitor.device), 'EX', tokenTtl);
    return { token, visitor };
  }

  return {
    issue(clinicId: ClinicId): Promise<{ token: string; visitor: Visitor }> {
      return issueVisitor(clinicId, UNUSED_VISITOR_TTL_SECONDS);
    },

    /** The visitor this token belongs to, if it was issued for this clinic. */
    async resolve(token: string, clinicId: ClinicId): Promise<Visitor | null> {
      return (await resolveRecord(token, clinicId))?.visitor ?? null;
    },

    /**
     * The handshake's resolve: the visitor, and a new token when this one is due for
     * rotation (TOKEN_ROTATION); the old one then lives on for the grace period only.
     */
    async resume(token: string, clinicId: ClinicId): Promise<{ visitor: Visitor; token: string | null } | null> {
      const found = await resolveRecord(token, clinicId);
      if (!found) return null;
      if (found.visitor.shortLived || Date.now() - found.issuedAt < TOKEN_ROTATION.rotateAfterMs) return { visitor: found.visitor, token: null };
      // The new token lives as long as the visitor: a day for one who never wrote, for good once kept.
      const ttl = await redis.ttl(keys.visitor(found.visitor.id));
      return rotate(found.visitor, ttl > 0 ? ttl : null);
    },

    /**
     * Cookie mode: the cookie's token resumed (rotated when due), or a new visitor when
     * there is none or it is no longer valid (`fresh`); with a connection token for the
     * handshake. `cookie` is the token to set in the cookie now, null to leave it.
     */
    async cookieCredential(cookieToken: string | null, clinicId: ClinicId): Promise<{ cookie: string | null; connection: string; fresh: boolean }> {
      const found = cookieToken ? await resolveRecord(cookieToken, clinicId) : null;
      const usable = found && !found.visitor.shortLived ? found : null;
      const renewed = !usable
        ? await issueVisitor(clinicId, COOKIE_TOKENS.cookieSeconds)
        : Date.now() - usable.issuedAt >= TOKEN_ROTATION.rotateAfterMs
          ? await rotate(usable.visitor, COOKIE_TOKENS.cookieSeconds)
          : null;
      const { id, device } = renewed?.visitor ?? usable!.visitor;
      const connection = newSecretToken();
      await redis.set(keys.visitorByToken(hashSecret(connection)), recordValue(id, device, SHORT_LIVED), 'EX', COOKIE_TOKENS.connectionSeconds);
      return { cookie: renewed?.token ?? null, connection, fresh: !usable };
    },

    /** "Forget this device": this token and every other one issued to its browser stop working. */
    async forgetDevice(visitor: Visitor): Promise<void> {
      await redis.del(keys.visitorByToken(visitor.tokenHash));
      await deleteByValue(redis, [keys.visitorByToken('')], ` ${visitor.device}`);
    },

    /**
     * A new token for an existing visitor of this clinic (a resume link opened on another
     * device); the visitor's other tokens keep working. Null when the visitor is gone.
     */
    async issueFor(visitor: VisitorId, clinicId: ClinicId): Promise<{ token: string; visitor: Visitor } | null> {
      if ((await redis.hget(keys.visitor(visitor), 'clinicId')) !== clinicId) return null;
      const token = newSecretToken();
      const issued: Visitor = { id: visitor, clinicId, tokenHash: hashSecret(token), device: newEntityId() };
      // Two slots on a cluster: the visitor kept first, then the token that names it.
      await redis.persist(keys.visitor(visitor));
      await redis.set(keys.visitorByToken(issued.tokenHash), recordValue(visitor, issued.device));
      return { token, visitor: issued };
    },

    /** The visitor's current (not closed) thread in a slot ('general' or 'doctor:<staff id>'). */
    async currentThread(visitor: VisitorId, slot: string): Promise<ThreadId | null> {
      return (await redis.hget(keys.visitorThreads(visitor), slot)) as ThreadId | null;
    },

    /**
     * Makes `thread` the slot's current thread unless another won a race; returns the winner.
     * Only the winner joins the slot's timeline, so a lost race leaves no trace there.
     */
    async claimThread(visitor: VisitorId, slot: string, thread: ThreadId): Promise<ThreadId> {
      const won = await redis.hsetnx(keys.visitorThreads(visitor), slot, thread);
      if (won === 1) {
        // Two slots on a cluster: all-threads first, since erasure finds the threads there.
        await redis.sadd(keys.visitorAllThreads(visitor), thread);
        await redis.rpush(keys.visitorTimeline(visitor, slot), thread);
        return thread;
      }
      return (await redis.hget(keys.visitorThreads(visitor), slot)) as ThreadId;
    },

    /**
     * The newest thread of the slot's timeline, closed or not: the one a new thread
     * continues. Null before the slot's first thread (or for threads made before timelines
     * were kept).
     */
    async latestThread(visitor: VisitorId, slot: string): Promise<ThreadId | null> {
      return (await redis.lindex(keys.visitorTimeline(visitor, slot), -1)) as ThreadId | null;
    },

    /**
     * Whether the patient may write to this thread of the slot: it is the slot's current
     * thread or the newest of its timeline (so a claim cut short between its two steps
     * never locks the patient out), never an earlier one.
     */
    async mayWrite(visitor: VisitorId, slot: string, thread: ThreadId): Promise<boolean> {
      const [current, latest] = await Promise.all([redis.hget(keys.visitorThreads(visitor), slot), redis.lindex(keys.visitorTimeline(visitor, slot), -1)]);
      return current === thread || latest === null || latest === thread;
    },

    /**
     * Every slot's current thread: read beside the thread's meta (before its slot is
     * known), it answers `mayWrite` in the common case without a second round trip.
     */
    async currentThreads(visitor: VisitorId): Promise<Record<string, ThreadId>> {
      return (await redis.hgetall(keys.visitorThreads(visitor))) as Record<string, ThreadId>;
    },

    /** A closed thread leaves its slot, so the next open starts a new conversation. */
    async releaseThread(visitor: VisitorId, slot: string, thread: ThreadId): Promise<void> {
      if ((await redis.hget(keys.visitorThreads(visitor), slot)) === thread) await redis.hdel(keys.visitorThreads(visitor), slot);
    },

    /** Every token of the visitor stops working (staff ended their sessions); returns how many there were. */
    async revokeTokens(visitor: VisitorId): Promise<number> {
      return deleteByValue(redis, [keys.visitorByToken('')], visitor);
    },

    /** Whether this visitor exists and is one of this clinic's. */
    async belongsTo(visitor: VisitorId, clinicId: ClinicId): Promise<boolean> {
      return (await redis.hget(keys.visitor(visitor), 'clinicId')) === clinicId;
    },

    async allThreads(visitor: VisitorId): Promise<ThreadId[]> {
      return (await redis.smembers(keys.visitorAllThreads(visitor))) as ThreadId[];
    },

    /** Where and in which time zone the visitor's browser is; kept for staff's patient panel. */
    async noteContext(visitor: VisitorId, context: { page?: string; timeZone?: string }): Promise<void> {
      const fields: Record<string, string> = {};
      if (context.page) fields.page = context.page;
      if (context.timeZone) fields.timeZone = context.timeZone;
      if (Object.keys(fields).length > 0) await redis.hset(keys.visitor(visitor), fields);
    },

    /** What the patient chose to tell the clinic about themselves. */
    /** Stores what the patient told; `verifiedId` only when the clinic's signature over it was checked. */
    async identify(visitor: VisitorId, identity: Pick<Identify, 'name' | 'email' | 'phone'>, verifiedId: string | null): Promise<void> {
      const fields = Object.fromEntries(
        Object.entries({ ...identity, ...(verifiedId ? { verifiedId } : {}) })
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, v.trim()]),
      );
      if (Object.keys(fields).length > 0) await redis.hset(keys.visitor(visitor), fields);
    },

    /** `locale`: the clinic's, for the pseudonym of a patient who gave no name. Notices come from the contact store. */
    async profile(visitor: VisitorId, locale: string): Promise<Omit<PatientProfile, 'notices'>> {
      const hash = await redis.hgetall(keys.visitor(visitor));
      return {
        id: visitor,
        displayName: hash.name || patientPseudonym(visitor, locale),
        name: hash.name || null,
        email: hash.email || null,
        phone: hash.phone || null,
        page: hash.page || null,
        timeZone: hash.timeZone || null,
        firstSeenAt: Number(hash.createdAt ?? 0),
        verifiedId: hash.verifiedId || null,
      };
    },

    async keep(visitor: Visitor): Promise<void> {
      const tokenKey = keys.visitorByToken(visitor.tokenHash);
      // A token already rotated away (this socket's handshake used it in its grace period), or a connection token, keeps its short life.
      const rotatedAway = visitor.shortLived || (await redis.ttl(tokenKey)) <= TOKEN_ROTATION.graceSeconds;
      // Two slots on a cluster: one key per step.
      await redis.persist(keys.visitor(visitor.id));
      if (!rotatedAway) await redis.persist(tokenKey);
    },
  };
}

export type VisitorStore = ReturnType<typeof createVisitorStore>;
