/**
 * Sign-in attempts are counted before the password is checked, atomically in Redis
 * (shared by every relay), so a burst of parallel guesses gets at most the limit
 * evaluated. Counting is per (account, address) and per address, never per account
 * alone: a stranger elsewhere who spends an account's budget locks only themselves out,
 * and the member signs in from their own address as usual. A success clears the
 * (account, address) count.
 */
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RelayRedis } from '../store/redis-client.ts';

// One address may serve a whole clinic's front desk (NAT), so it gets more tries than one account from it.
const IP_LIMIT_FACTOR = 10;
/** Redis keys `login-account-ip:<email> <address>` and `login-ip:<address>` (relay/README.md lists the layout). */
const ACCOUNT_IP_PREFIX = 'login-account-ip';
const IP_PREFIX = 'login-ip';

export interface LoginThrottle {
  /** Counts one attempt: null when it may be evaluated, else the milliseconds until the next may. */
  take(email: string, ip: string): Promise<number | null>;
  succeeded(email: string, ip: string): Promise<void>;
}

async function consume(limiter: RateLimiterRedis, key: string): Promise<number | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (rejection) {
    // The library rejects with its result when the budget is spent, and with the store's error otherwise.
    if (rejection instanceof RateLimiterRes) return rejection.msBeforeNext;
    throw rejection;
  }
}

export function createLoginThrottle(redis: RelayRedis, limit: number, windowSeconds: number): LoginThrottle {
  const byAccountIp = new RateLimiterRedis({ storeClient: redis, keyPrefix: ACCOUNT_IP_PREFIX, points: limit, duration: windowSeconds });
  const byIp = new RateLimiterRedis({ storeClient: redis, keyPrefix: IP_PREFIX, points: limit * IP_LIMIT_FACTOR, duration: windowSeconds });
  // A space cannot occur in a normalised e-mail address, so `<email> <address>` names one pair only.
  const pair = (email: string, ip: string) => `${email} ${ip}`;
  return {
    // The pair first: attempts it refuses do not spend the address's budget, which other members behind it share.
    async take(email, ip) {
      return (await consume(byAccountIp, pair(email, ip))) ?? (await consume(byIp, ip));
    },
    async succeeded(email, ip) {
      await byAccountIp.delete(pair(email, ip));
    },
  };
}
