/**
 * Rate limits per sender — one visitor token or one staff member — across all of their
 * sockets and all relays, counted in Redis. The per-socket limiter (rate-limiter.ts) stays
 * the cheap first line; this one stops a token opened on 200 sockets from getting 200
 * sockets' worth of messages. A relay takes a sender's budget from Redis a tenth at a time
 * (one script call for both counters, store/scripts/sender-budget.lua) and spends it from
 * memory: most events cost no Redis call and no round trip before their handler (issue 14
 * §5), and once Redis grants less than asked the sender is refused from memory until the
 * window ends, so a flood's excess — its first burst of hundreds of sends too, which wait
 * for one shared call — never reaches Redis (issue 10 §2). The price: a sender spread over
 * several relays may be refused while another relay still holds up to a tenth of its
 * budget unspent.
 */
import { readFileSync } from 'node:fs';
import type { ClinicId, StaffId, VisitorId } from '../../protocol/ids.ts';
import type { Redis } from 'ioredis';

/** Redis keys `sender-events:{<sender>}` and `sender-messages:{<sender>}` (relay/README.md lists the layout). */
const EVENTS_PREFIX = 'sender-events';
const MESSAGES_PREFIX = 'sender-messages';
/** Senders remembered in memory before the ones whose window ended are swept. */
const SWEEP_AT = 10_000;

export interface SenderLimits {
  /** Messages one sender may send per window, over all its sockets. */
  messages: number;
  /** Events of any kind one sender may send per window, over all its sockets. */
  events: number;
  windowMs: number;
  /** RATE_LIMITED answers one sender may get per window, over all its sockets, before each further one also disconnects its socket. */
  refusals: number;
}

/** Who is counted: `v:<visitorId>` for a visitor token, `s:<staffId>` for a staff member. */
export type Sender = `v:${VisitorId}` | `s:${StaffId}`;

export const visitorSender = (id: VisitorId): Sender => `v:${id}`;
export const staffSender = (id: StaffId): Sender => `s:${id}`;

/** The Redis keys counting one sender, on the sender's hash tag (one script reads both): an erasure deletes a patient's. */
export const senderCounterKeys = (sender: Sender): [events: string, messages: string] => [`${EVENTS_PREFIX}:{${sender}}`, `${MESSAGES_PREFIX}:{${sender}}`];

/** Where a caller's events are counted: its sender and its clinic (the in-flight budget). */
export interface CallerScope {
  sender: Sender;
  clinicId: ClinicId;
}

export interface SenderLimiter {
  /** Counts one event (and one message when `isMessage`): false when the sender is over either budget. */
  take(sender: Sender, isMessage: boolean): Promise<boolean>;
  /**
   * Counts one RATE_LIMITED answer to the sender (from either limiter); true once it is
   * past its refusals for the window. A token flooding from 100 sockets is then cut off
   * socket by socket at its next refusal, not after 10 refusals on each socket: even a
   * refusal costs a parse and an ack that other clinics' events wait behind (issue 10 §2).
   */
  refused(sender: Sender): boolean;
}

/** The name of the budgets' own Redis connection (CLIENT LIST shows it). */
export const LIMITS_CONNECTION_NAME = 'clinic-chat-limits';

/** SENDER_LIMITS=off: every sender within budget (the per-socket limits still hold). */
export const UNLIMITED_SENDERS: SenderLimiter = { take: async () => true, refused: () => false };

type BudgetScript = (
  events: string,
  messages: string,
  windowMs: number,
  takeEvents: number,
  takeMessages: number,
) => Promise<[events: number, eventsMsLeft: number, messages: number, messagesMsLeft: number]>;

/** A budget is taken from Redis in this many parts at most. */
const LEASE_PARTS = 10;

/** This relay's share of one of a sender's counters in the current window. */
interface Lease {
  endsAt: number;
  /** Granted by Redis and not spent yet. */
  left: number;
  /** Redis granted less than asked: the budget is spent for this window. */
  spent: boolean;
}

interface SenderState {
  events: Lease;
  messages: Lease;
  /** The call to Redis under way, which every take of the sender waits for rather than making its own. */
  pending: Promise<void> | null;
  /** RATE_LIMITED answers in the window ending at `refusalsUntil`. */
  refusals: number;
  refusalsUntil: number;
}

const newLease = (): Lease => ({ endsAt: 0, left: 0, spent: false });

export function createSenderLimiter(redis: Redis, limits: SenderLimits, now: () => number = Date.now): SenderLimiter {
  redis.defineCommand('senderBudget', { numberOfKeys: 2, lua: readFileSync(new URL('../store/scripts/sender-budget.lua', import.meta.url), 'utf8') });
  const budget = (redis as unknown as { senderBudget: BudgetScript }).senderBudget.bind(redis);
  const share = { events: Math.max(1, Math.floor(limits.events / LEASE_PARTS)), messages: Math.max(1, Math.floor(limits.messages / LEASE_PARTS)) };
  const senders = new Map<Sender, SenderState>();

  const ended = (lease: Lease, at: number) => lease.endsAt <= at;
  function renew(lease: Lease, at: number): void {
    if (!ended(lease, at)) return;
    lease.left = 0;
    lease.spent = false;
  }

  function stateOf(sender: Sender, at: number): SenderState {
    const known = senders.get(sender);
    if (known) return known;
    if (senders.size >= SWEEP_AT) {
      for (const [key, state] of senders) {
        if (!state.pending && ended(state.events, at) && ended(state.messages, at) && state.refusalsUntil <= at) senders.delete(key);
      }
    }
    const fresh = { events: newLease(), messages: newLease(), pending: null, refusals: 0, refusalsUntil: 0 };
    senders.set(sender, fresh);
    return fresh;
  }

  /** What Redis granted of `asked`, now that it counts `count` (other relays' takes included). */
  function grant(lease: Lease, count: number, msLeft: number, asked: number, budgetSize: number, at: number): void {
    const granted = Math.max(0, Math.min(asked, budgetSize - (count - asked)));
    lease.left += granted;
    lease.spent = granted < asked;
    lease.endsAt = at + (msLeft > 0 ? msLeft : limits.windowMs);
  }

  async function takeShare(sender: Sender, state: SenderState, events: boolean, messages: boolean, at: number): Promise<void> {
    const [eventCount, eventsMsLeft, messageCount, messagesMsLeft] = await budget(
      ...senderCounterKeys(sender),
      limits.windowMs,
      events ? share.events : 0,
      messages ? share.messages : 0,
    );
    if (events) grant(state.events, eventCount, eventsMsLeft, share.events, limits.events, at);
    if (messages) grant(state.messages, messageCount, messagesMsLeft, share.messages, limits.messages, at);
  }

  return {
    async take(sender, isMessage) {
      const state = stateOf(sender, now());
      for (;;) {
        const at = now();
        renew(state.events, at);
        renew(state.messages, at);
        const needEvents = state.events.left === 0 && !state.events.spent;
        const needMessages = isMessage && state.messages.left === 0 && !state.messages.spent;
        if (!needEvents && !needMessages) break;
        state.pending ??= takeShare(sender, state, needEvents, needMessages, at).finally(() => {
          state.pending = null;
        });
        await state.pending;
      }
      // Like Redis's own count, a refused message still spends an event.
      if (state.events.left === 0) return false;
      state.events.left -= 1;
      if (!isMessage) return true;
      if (state.messages.left === 0) return false;
      state.messages.left -= 1;
      return true;
    },

    refused(sender) {
      const at = now();
      const state = stateOf(sender, at);
      if (state.refusalsUntil <= at) {
        state.refusals = 0;
        state.refusalsUntil = at + limits.windowMs;
      }
      state.refusals += 1;
      return state.refusals > limits.refusals;
    },
  };
}
