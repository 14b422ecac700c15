import type { RelayRedis } from '../store/redis-client.ts';
import { keys } from '../store/keys.ts';

// One address may serve a whole clinic's front desk (NAT), so it gets more tries than one account.
const IP_LIMIT_FACTOR = 10;

/**
 * Counts failed sign-ins per account and per IP; past the limit, sign-in is refused
 * (429) until the window passes, so guessing passwords gets slow.
 */
export function createLoginThrottle(redis: RelayRedis, limit: number, windowSeconds: number) {
  const subjects = (email: string, ip: string) => [keys.loginFailures(`email:${email}`), keys.loginFailures(`ip:${ip}`)];
  return {
    async blocked(email: string, ip: string): Promise<boolean> {
      const [byEmail, byIp] = await redis.mget(...subjects(email, ip));
      return Number(byEmail ?? 0) >= limit || Number(byIp ?? 0) >= limit * IP_LIMIT_FACTOR;
    },
    async failed(email: string, ip: string): Promise<void> {
      const multi = redis.multi();
      for (const key of subjects(email, ip)) multi.incr(key).expire(key, windowSeconds, 'NX');
      await multi.exec();
    },
    async succeeded(email: string): Promise<void> {
      await redis.del(keys.loginFailures(`email:${email}`));
    },
  };
}
