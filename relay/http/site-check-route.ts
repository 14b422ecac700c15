/**
 * `GET /widget/site-check?site=KEY`: whether this relay serves the widget on the asking
 * page, answered before a new visitor opens the chat, so a misconfigured site shows no
 * launcher instead of a dead chat (issue 11). The same questions as the visitor handshake,
 * by the same rule (access/site-origin.ts): is the site key a clinic's, and is the page's
 * origin allowed for it. Nothing is stored and no visitor is made. Cross-origin (`/widget`:
 * CORS `*`, app.ts).
 */
import type { FastifyInstance } from 'fastify';
import { protocolError } from '../../protocol/errors.ts';
import { ID_PATTERNS } from '../../protocol/limits.ts';
import { originAllowed, pageOrigin } from '../access/site-origin.ts';
import type { Stores } from '../store/stores.ts';

/** A yes is kept by the browser for a day (the widget asks again after that); a refusal is never kept, so a fix shows at once. */
const SERVED_MAX_AGE_SECONDS = 86_400;
const SITE_KEY = new RegExp(ID_PATTERNS.siteKey);

interface SiteCheckDeps {
  stores: Stores;
  publicUrl(): string;
}

export async function siteCheckRoute(app: FastifyInstance, { stores, publicUrl }: SiteCheckDeps): Promise<void> {
  app.get<{ Querystring: { site?: unknown } }>('/widget/site-check', async (request, reply) => {
    const { site } = request.query;
    // The answer depends on the page asking, so a cache must not hand one page's yes to another.
    void reply.header('vary', 'origin, sec-fetch-site');
    if (typeof site !== 'string' || site === '')
      return reply
        .code(400)
        .header('cache-control', 'no-store')
        .send(protocolError('BAD_REQUEST', { path: '/site' }));
    const clinic = SITE_KEY.test(site) ? await stores.clinics.getBySiteKey(site) : null;
    if (!clinic) return reply.code(401).header('cache-control', 'no-store').send(protocolError('SITE_KEY_UNKNOWN'));
    const relayOrigin = new URL(publicUrl()).origin;
    if (!originAllowed(clinic, pageOrigin(request.headers, relayOrigin), relayOrigin))
      return reply.code(403).header('cache-control', 'no-store').send(protocolError('ORIGIN_NOT_ALLOWED'));
    return reply.code(204).header('cache-control', `private, max-age=${SERVED_MAX_AGE_SECONDS}`).send();
  });
}
