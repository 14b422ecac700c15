/**
 * Rate limits per sender — one visitor token or one staff member — across all of their
 * sockets and all relays, counted in Redis. The per-socket limiter (rate-limiter.ts) stays
 * the cheap first line; this one stops a token opened on 200 sockets from getting 200
 * sockets' worth of messages. Each event is one script call counting both budgets
 * (store/scripts/sender-budget.lua). In front of it, this relay counts the same window in
 * memory: what it alone has seen over a budget is over it everywhere, so a flood's excess
 * is refused before any Redis work — also the burst of a flood's first hundreds of sends,
 * which would all reach Redis before its first answer — and once Redis says a sender is
 * over, the rest of the window is refused from memory too (issue 10 §2).
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
}

/** The name of the budgets' own Redis connection (CLIENT LIST shows it). */
export const LIMITS_CONNECTION_NAME = 'clinic-chat-limits';

/** SENDER_LIMITS=off: every sender within budget (the per-socket limits still hold). */
export const UNLIMITED_SENDERS: SenderLimiter = { take: async () => true };

type BudgetScript = (events: string, messages: string, windowMs: number, isMessage: '1' | '0') => Promise<[events: number, messages: number, msLeft: number]>;

/** What this relay has seen of one sender in the current window: a lower bound of what Redis counts. */
interface Window {
  endsAt: number;
  events: number;
  messages: number;
}

export function createSenderLimiter(redis: Redis, limits: SenderLimits, now: () => number = Date.now): SenderLimiter {
  redis.defineCommand('senderBudget', { numberOfKeys: 2, lua: readFileSync(new URL('../store/scripts/sender-budget.lua', import.meta.url), 'utf8') });
  const budget = (redis as unknown as { senderBudget: BudgetScript }).senderBudget.bind(redis);
  const seen = new Map<Sender, Window>();

  function windowOf(sender: Sender, at: number): Window {
    const known = seen.get(sender);
    if (known && known.endsAt > at) return known;
    if (seen.size >= SWEEP_AT) for (const [key, window] of seen) if (window.endsAt <= at) seen.delete(key);
    const fresh = { endsAt: at + limits.windowMs, events: 0, messages: 0 };
    seen.set(sender, fresh);
    return fresh;
  }

  const over = (window: Window, isMessage: boolean) => window.events > limits.events || (isMessage && window.messages > limits.messages);

  return {
    async take(sender, isMessage) {
      const at = now();
      const window = windowOf(sender, at);
      window.events += 1;
      if (isMessage) window.messages += 1;
      if (over(window, isMessage)) return false;
      const [events, messages, msLeft] = await budget(...senderCounterKeys(sender), limits.windowMs, isMessage ? '1' : '0');
      // Redis's count includes other relays': take it, and its window's end, as ours. The
      // answer is Redis's: ours has meanwhile counted sends refused from memory.
      window.events = Math.max(window.events, events);
      window.messages = Math.max(window.messages, messages);
      if (msLeft > 0) window.endsAt = at + msLeft;
      return events <= limits.events && (!isMessage || messages <= limits.messages);
    },
  };
}
