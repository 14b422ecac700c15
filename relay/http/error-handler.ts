import type { FastifyError, FastifyInstance } from 'fastify';
import { protocolError } from '../../protocol/errors.ts';

/** Every HTTP failure leaves as `{ code, message, data? }` with a protocol code. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const first = error.validation[0];
      return reply.code(400).send(protocolError('BAD_REQUEST', { path: first?.instancePath || '/', reason: first?.message ?? 'invalid' }));
    }
    if (error.statusCode === 429) return reply.code(429).send(protocolError('RATE_LIMITED'));
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return reply.code(error.statusCode).send(protocolError('BAD_REQUEST', { reason: error.message }));
    }
    request.log.error({ code: 'RELAY_ERR_HTTP', err: error }, 'request failed');
    return reply.code(500).send(protocolError('INTERNAL'));
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(protocolError('NO_ROUTE')));
}
