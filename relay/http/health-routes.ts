import type { FastifyInstance } from 'fastify';
import { protocolError } from '../../protocol/errors.ts';
import type { RelayRedis } from '../store/redis-client.ts';

const READY_TIMEOUT_MS = 1_000;

export interface HealthOptions {
  redis: RelayRedis;
  /** True while the relay's outage watcher has already logged the outage: a probe then says nothing more. */
  outageLogged?: () => boolean;
}

export async function healthRoutes(app: FastifyInstance, { redis, outageLogged = () => false }: HealthOptions): Promise<void> {
  /** The process is up. */
  app.get('/healthz', async () => ({ status: 'ok' }));

  /** The relay can serve: Redis answers in time. */
  app.get('/readyz', async (_request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('redis ping timed out')), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([redis.ping(), timeout]);
      return { status: 'ready' };
    } catch (error) {
      if (!outageLogged()) app.log.warn({ code: 'RELAY_ERR_NOT_READY', err: error }, 'redis is not answering');
      return reply.code(503).send({ status: 'unavailable', ...protocolError('UNAVAILABLE') });
    } finally {
      clearTimeout(timer);
    }
  });
}
