import type { ClinicId, ThreadId, VisitorId } from '../../protocol/ids.ts';
import type { Identify, PatientProfile } from '../../protocol/requests.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';
import { hashSecret, newEntityId, newSecretToken } from './random-ids.ts';
import { deleteByValue } from './delete-by-value.ts';

// A token issued to a page view that never writes is forgotten after a day; the
// first thread makes the visitor permanent.
const UNUSED_VISITOR_TTL_SECONDS = 24 * 60 * 60;

export interface Visitor {
  id: VisitorId;
  clinicId: ClinicId;
  /** Names the visitor's token without revealing it. */
  tokenHash: string;
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
  return {
    async issue(clinicId: ClinicId): Promise<{ token: string; visitor: Visitor }> {
      const token = newSecretToken();
      const visitor: Visitor = { id: newEntityId<VisitorId>(), clinicId, tokenHash: hashSecret(token) };
      // The visitor and its token are two slots on a cluster: the visitor first, so a token
      // never names a missing visitor (a lone visitor expires unused).
      await redis
        .multi()
        .hset(keys.visitor(visitor.id), { clinicId, createdAt: String(Date.now()) })
        .expire(keys.visitor(visitor.id), UNUSED_VISITOR_TTL_SECONDS)
        .exec();
      await redis.set(keys.visitorByToken(visitor.tokenHash), visitor.id, 'EX', UNUSED_VISITOR_TTL_SECONDS);
      return { token, visitor };
    },

    /** The visitor this token belongs to, if it was issued for this clinic. */
    async resolve(token: string, clinicId: ClinicId): Promise<Visitor | null> {
      const tokenHash = hashSecret(token);
      const id = (await redis.get(keys.visitorByToken(tokenHash))) as VisitorId | null;
      if (!id) return null;
      const owner = await redis.hget(keys.visitor(id), 'clinicId');
      return owner === clinicId ? { id, clinicId, tokenHash } : null;
    },

    /**
     * A new token for an existing visitor of this clinic (a resume link opened on another
     * device); the visitor's other tokens keep working. Null when the visitor is gone.
     */
    async issueFor(visitor: VisitorId, clinicId: ClinicId): Promise<{ token: string; visitor: Visitor } | null> {
      if ((await redis.hget(keys.visitor(visitor), 'clinicId')) !== clinicId) return null;
      const token = newSecretToken();
      const issued: Visitor = { id: visitor, clinicId, tokenHash: hashSecret(token) };
      await redis.persist(keys.visitor(visitor));
      await redis.set(keys.visitorByToken(issued.tokenHash), visitor);
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
      await redis.persist(keys.visitor(visitor.id));
      await redis.persist(keys.visitorByToken(visitor.tokenHash));
    },
  };
}

export type VisitorStore = ReturnType<typeof createVisitorStore>;
