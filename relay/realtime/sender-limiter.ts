/**
 * Rate limits per sender — one visitor token or one staff member — across all of their
 * sockets and all relays, counted in Redis. The per-socket limiter (rate-limiter.ts) stays
 * the cheap first line; this one stops a token opened on 200 sockets from getting 200
 * sockets' worth of messages. Once a sender is over its budget, this relay refuses it
 * from memory until the window ends, so a flood costs Redis nothing more.
 */
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { ClinicId, StaffId, VisitorId } from '../../protocol/ids.ts';
import type { Redis } from 'ioredis';

/** Redis keys `sender-events:<sender>` and `sender-messages:<sender>` (relay/README.md lists the layout). */
const EVENTS_PREFIX = 'sender-events';
const MESSAGES_PREFIX = 'sender-messages';

export interface SenderLimits {
  /** Messages one sender may send per window, over all its sockets. */
  messages: number;
  /** Events of any kind one sender may send per window, over all its sockets. */
  events: number;
  windowMs: number;
}

/** Who is counted: `v:<visitorId>` for a visitor token, `s:<staffId>` for a staff member. */
export type Sender = `v:${VisitorId}` | `s:${StaffId}`;

export const visitorSender = (id: VisitorId): Sender => `v:${id}`;
export const staffSender = (id: StaffId): Sender => `s:${id}`;

/** The Redis keys counting one sender (rate-limiter-flexible names them `<prefix>:<key>`): an erasure deletes a patient's. */
export const senderCounterKeys = (sender: Sender): string[] => [`${EVENTS_PREFIX}:${sender}`, `${MESSAGES_PREFIX}:${sender}`];

/** Where a caller's events are counted: its sender and its clinic (the in-flight budget). */
export interface CallerScope {
  sender: Sender;
  clinicId: ClinicId;
}

export interface SenderLimiter {
  /** Counts one event (and one message when `isMessage`): false when the sender is over either budget. */
  take(sender: Sender, isMessage: boolean): Promise<boolean>;
}

/** The name of the budgets' own Redis connection (CLIENT LIST shows it). */
export const LIMITS_CONNECTION_NAME = 'clinic-chat-limits';

function limiter(redis: Redis, keyPrefix: string, points: number, windowMs: number): RateLimiterRedis {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points,
    duration: Math.max(1, Math.round(windowMs / 1000)),
    // Over the budget: refuse from this relay's memory until the window ends.
    inMemoryBlockOnConsumed: points + 1,
  });
}

async function consumed(rateLimiter: RateLimiterRedis, key: string): Promise<boolean> {
  try {
    await rateLimiter.consume(key);
    return true;
  } catch (rejection) {
    // The library rejects with its result when the budget is spent, and with the store's error otherwise.
    if (rejection instanceof RateLimiterRes) return false;
    throw rejection;
  }
}

/** SENDER_LIMITS=off: every sender within budget (the per-socket limits still hold). */
export const UNLIMITED_SENDERS: SenderLimiter = { take: async () => true };

export function createSenderLimiter(redis: Redis, limits: SenderLimits): SenderLimiter {
  const events = limiter(redis, EVENTS_PREFIX, limits.events, limits.windowMs);
  const messages = limiter(redis, MESSAGES_PREFIX, limits.messages, limits.windowMs);
  return {
    async take(sender, isMessage) {
      const [eventOk, messageOk] = await Promise.all([consumed(events, sender), isMessage ? consumed(messages, sender) : true]);
      return eventOk && messageOk;
    },
  };
}
