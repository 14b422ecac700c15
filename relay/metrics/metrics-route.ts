/**
 * `GET /metrics` in Prometheus's text format. With METRICS_TOKEN set it answers only a
 * request with `Authorization: Bearer <token>` (401 otherwise, compared in constant time);
 * without it the route is open, for a relay whose port only the scraper can reach.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { protocolError } from '../../protocol/errors.ts';
import type { Registry } from 'prom-client';

const digest = (value: string) => createHash('sha256').update(value).digest();

export async function metricsRoute(app: FastifyInstance, { registry, token }: { registry: Registry; token: string | null }): Promise<void> {
  const expected = token === null ? null : digest(`Bearer ${token}`);
  app.get('/metrics', async (request, reply) => {
    // Hashing both sides gives equal lengths, so the comparison leaks nothing about the token.
    if (expected && !timingSafeEqual(digest(request.headers.authorization ?? ''), expected)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send(protocolError('AUTH_REQUIRED'));
    }
    return reply
      .header('content-type', registry.contentType)
      .header('cache-control', 'no-store')
      .send(await registry.metrics());
  });
}
