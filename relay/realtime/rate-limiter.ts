/**
 * Fixed-window counters for one socket: a flood from one connection is refused with
 * RATE_LIMITED while every other connection goes on.
 */
export interface RateLimits {
  /** Messages one socket may send per window. */
  messages: number;
  /** Events of any kind one socket may send per window. */
  events: number;
  windowMs: number;
}

export function createRateLimiter(limits: RateLimits, now: () => number = Date.now) {
  let windowStart = now();
  let events = 0;
  let messages = 0;
  return {
    /** Counts one event (and one message when `isMessage`); false when over the limit. */
    take(isMessage: boolean): boolean {
      const t = now();
      if (t - windowStart >= limits.windowMs) {
        windowStart = t;
        events = 0;
        messages = 0;
      }
      events += 1;
      if (isMessage) messages += 1;
      return events <= limits.events && messages <= limits.messages;
    },
  };
}
