import type { FastifyInstance } from 'fastify';
import { protocolError } from '../../protocol/errors.ts';
import type { RelayRedis } from '../store/redis-client.ts';
import { redisReadiness } from '../store/redis-readiness.ts';

/** How long `/readyz` waits for Redis (every master of a cluster) before answering 503. */
export const READY_TIMEOUT_MS = 1_000;

export interface HealthOptions {
  redis: RelayRedis;
  /** True while the relay's outage watcher has already logged the outage: a probe then says nothing more. */
  outageLogged?: () => boolean;
}

export async function healthRoutes(app: FastifyInstance, { redis, outageLogged = () => false }: HealthOptions): Promise<void> {
  /** The process is up. */
  app.get('/healthz', async () => ({ status: 'ok' }));

  /** The relay can serve: Redis (on a cluster, every master holding slots) answers in time. */
  app.get('/readyz', async (_request, reply) => {
    const readiness = await redisReadiness(redis, READY_TIMEOUT_MS);
    if (readiness.ready) return { status: 'ready' };
    if (!outageLogged()) app.log.warn({ code: 'RELAY_ERR_NOT_READY', reason: readiness.reason }, 'redis is not answering');
    return reply.code(503).send({ status: 'unavailable', ...protocolError('UNAVAILABLE') });
  });
}
