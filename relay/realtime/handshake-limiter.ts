/**
 * Visitor handshakes per client address, counted in Redis so that every relay behind a
 * load balancer shares one budget. A first-time visitor's handshake stores a token and a
 * visitor record: without a bound, one address could fill Redis.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RelayRedis } from '../store/redis-client.ts';

/** The window handshakes are counted over. */
const WINDOW_SECONDS = 60;
/** Redis keys `handshakes-ip:<address>` (relay/README.md lists the layout). */
const KEY_PREFIX = 'handshakes-ip';

export interface HandshakeLimiter {
  /** Counts one handshake from `address`: null when allowed, else the milliseconds until it may retry. */
  take(address: string): Promise<number | null>;
}

export function createHandshakeLimiter(redis: RelayRedis, perMinute: number): HandshakeLimiter {
  // Past the budget, this relay refuses the address from memory until the minute ends.
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: KEY_PREFIX,
    points: perMinute,
    duration: WINDOW_SECONDS,
    inMemoryBlockOnConsumed: perMinute + 1,
  });
  return {
    async take(address) {
      try {
        await limiter.consume(address);
        return null;
      } catch (rejection) {
        // The library rejects with its result when the budget is spent, and with the store's error otherwise.
        if (rejection instanceof RateLimiterRes) return rejection.msBeforeNext;
        throw rejection;
      }
    },
  };
}

/** The client's address; behind a trusted proxy the first X-Forwarded-For entry, as Fastify's `request.ip`. */
export function clientAddress(handshake: { address: string; headers: IncomingHttpHeaders }, trustProxy: boolean): string {
  const forwarded = trustProxy ? handshake.headers['x-forwarded-for'] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || handshake.address;
}
