import type { FastifyError, FastifyInstance } from 'fastify';
import { ERRORS, protocolError } from '../../protocol/errors.ts';
import { ClientError, RelayError } from '../errors.ts';
import { reportFailure } from '../failure.ts';
import { fromRedisError } from '../store/redis-errors.ts';

/** Every HTTP failure leaves as `{ code, message, data? }` with a protocol code. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const first = error.validation[0];
      return reply.code(400).send(protocolError('BAD_REQUEST', { path: first?.instancePath || '/', reason: first?.message ?? 'invalid' }));
    }
    if (error.statusCode === 429) return reply.code(429).send(protocolError('RATE_LIMITED'));
    // Fastify's own 4xx (bad JSON, too large): the client's fault, said in Fastify's words.
    const ours = error instanceof ClientError || error instanceof RelayError || fromRedisError(error) !== null;
    if (!ours && error.statusCode !== undefined && error.statusCode < 500) {
      return reply.code(error.statusCode).send(protocolError('BAD_REQUEST', { reason: error.message }));
    }
    const body = reportFailure(error, request.log, { code: 'RELAY_ERR_HTTP' });
    return reply.code(ERRORS[body.code].status).send(body);
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(protocolError('NO_ROUTE')));
}
