import type { RelayRedis } from '../store/redis-client.ts';
import { keys } from '../store/keys.ts';

/**
 * Counts failed sign-ins per account and per IP; past the limit, sign-in is refused
 * (429) until the window passes, so guessing passwords gets slow.
 */
export function createLoginThrottle(redis: RelayRedis, limit: number, windowSeconds: number) {
  const subjects = (email: string, ip: string) => [keys.loginFailures(`email:${email}`), keys.loginFailures(`ip:${ip}`)];
  return {
    async blocked(email: string, ip: string): Promise<boolean> {
      const counts = await redis.mget(...subjects(email, ip));
      return counts.some((count) => Number(count ?? 0) >= limit);
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
