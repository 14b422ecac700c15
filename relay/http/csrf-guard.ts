import type { FastifyReply, FastifyRequest } from 'fastify';
import { protocolError } from '../../protocol/errors.ts';
import { isSameOrigin } from './cookies.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing API requests must be JSON and, when a browser sends an Origin, come
 * from the relay's own origin (scheme, host and port; or PUBLIC_URL's). A cross-site
 * form cannot send JSON, and a cross-site fetch with JSON is stopped by CORS preflight
 * and by this check.
 */
export function createCsrfGuard(publicUrl: string | null) {
  return async function csrfGuard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (SAFE_METHODS.has(request.method)) return;
    const json = (request.headers['content-type'] ?? '').startsWith('application/json');
    const origin = request.headers.origin;
    const sameOrigin = origin === undefined || isSameOrigin(origin, { protocol: request.protocol, host: request.host }, publicUrl);
    if (!json || !sameOrigin) {
      const error = protocolError('CSRF_REJECTED');
      await reply.code(403).send(error);
    }
  };
}
