/**
 * Fixed-window counters for one socket: a flood from one connection is refused with
 * RATE_LIMITED while every other connection goes on. A socket that keeps sending after
 * `refusals` refusals in one window is past any well-behaved client (the widget's and
 * console's outboxes back off on the first): `refused()` says to disconnect it, since
 * even a refusal costs the relay a parse and an ack that other clinics' events wait behind.
 */
export interface RateLimits {
  /** Messages one socket may send per window. */
  messages: number;
  /** Events of any kind one socket may send per window. */
  events: number;
  windowMs: number;
  /** Refusals one socket may get per window before it is disconnected. */
  refusals: number;
}

export function createRateLimiter(limits: RateLimits, now: () => number = Date.now) {
  let windowStart = now();
  let events = 0;
  let messages = 0;
  let refusals = 0;
  return {
    /** Counts one event (and one message when `isMessage`); false when over the limit. */
    take(isMessage: boolean): boolean {
      const t = now();
      if (t - windowStart >= limits.windowMs) {
        windowStart = t;
        events = 0;
        messages = 0;
        refusals = 0;
      }
      events += 1;
      if (isMessage) messages += 1;
      return events <= limits.events && messages <= limits.messages;
    },
    /** Counts one RATE_LIMITED answer; true once the socket is past its refusals for this window. */
    refused(): boolean {
      refusals += 1;
      return refusals > limits.refusals;
    },
  };
}
