/**
 * `POST /visitor/credential?site=KEY`: cookie mode of the visitor token (issue 10 §4), an
 * integrator's choice for a relay served over https. The long-lived token lives in a
 * partitioned HttpOnly cookie (CHIPS: `Partitioned; Secure; SameSite=None; HttpOnly`) that
 * no script of the clinic's site can read, kept per top-level site by the browser and sent
 * only to this path; the page gets a connection token for its handshakes that expires
 * after a few minutes (store/visitor-store.ts, COOKIE_TOKENS), and asks here again for a
 * new one. The request is a simple cross-origin POST (no body, no custom header, so no
 * preflight) with `credentials: 'include'`; the answer allows exactly the asking origin,
 * after the handshake's own site and origin checks (access/site-origin.ts).
 */
import type { FastifyInstance } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import { protocolError } from '../../protocol/errors.ts';
import { ID_PATTERNS } from '../../protocol/limits.ts';
import { originAllowed, pageOrigin } from '../access/site-origin.ts';
import type { Stores } from '../store/stores.ts';
import { COOKIE_TOKENS } from '../store/visitor-store.ts';
import { isSecureOrigin } from './cookies.ts';

export const VISITOR_CREDENTIAL_PATH = '/visitor/credential';
/** A page asks once per page view and once per connection token: a minute's allowance per address is generous. */
const REQUESTS_PER_MINUTE = 60;
const SITE_KEY = new RegExp(ID_PATTERNS.siteKey);
const TOKEN = new RegExp(ID_PATTERNS.visitorToken);

/** One cookie per site key: two clinics' widgets on one site keep apart. */
export const visitorCookieName = (siteKey: string) => `cc_visitor_${siteKey}`;

interface CredentialDeps {
  stores: Stores;
  publicUrl: string | null;
  relayUrl(): string;
}

export async function visitorCredentialRoute(app: FastifyInstance, { stores, publicUrl, relayUrl }: CredentialDeps): Promise<void> {
  await app.register(fastifyRateLimit, { max: REQUESTS_PER_MINUTE, timeWindow: '1 minute' });
  app.post<{ Querystring: { site?: unknown } }>(VISITOR_CREDENTIAL_PATH, async (request, reply) => {
    void reply.header('cache-control', 'no-store').header('vary', 'origin');
    // A Secure cookie is kept only from an https answer: on plain http the mode does not exist.
    if (!isSecureOrigin(request.protocol, publicUrl))
      return reply.code(400).send(protocolError('BAD_REQUEST', { reason: 'cookie mode needs the relay on https' }));
    const { site } = request.query;
    if (typeof site !== 'string' || !SITE_KEY.test(site)) return reply.code(400).send(protocolError('BAD_REQUEST', { path: '/site' }));
    const clinic = await stores.clinics.getBySiteKey(site);
    if (!clinic) return reply.code(401).send(protocolError('SITE_KEY_UNKNOWN'));
    const relayOrigin = new URL(relayUrl()).origin;
    const origin = pageOrigin(request.headers, relayOrigin);
    if (!originAllowed(clinic, origin, relayOrigin)) return reply.code(403).send(protocolError('ORIGIN_NOT_ALLOWED'));

    const name = visitorCookieName(site);
    const held = request.cookies[name];
    const credential = await stores.visitors.cookieCredential(held && TOKEN.test(held) ? held : null, clinic.id);
    if (credential.cookie) {
      void reply.header(
        'set-cookie',
        `${name}=${credential.cookie}; Path=${VISITOR_CREDENTIAL_PATH}; Max-Age=${COOKIE_TOKENS.cookieSeconds}; Partitioned; Secure; SameSite=None; HttpOnly`,
      );
    }
    if (request.headers.origin) void reply.header('access-control-allow-origin', request.headers.origin).header('access-control-allow-credentials', 'true');
    return { token: credential.connection, fresh: credential.fresh, expiresInMs: COOKIE_TOKENS.connectionSeconds * 1000 };
  });
}
