/**
 * Response headers that limit what a page may load and who may frame it (issue 10 §3),
 * set by @fastify/helmet per route: each route gets the policy of its kind, decided once
 * from its URL when the route is added. Everything refuses framing except the demo clinic
 * site; only the widget's files may be loaded by other sites. HSTS is per request, since
 * only the request knows whether it came over https (directly or, with TRUST_PROXY,
 * through the proxy).
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';

/** Helmet's options as both a route's `helmet` and the plugin's own accept them (a union of exclusive variants). */
type HelmetOptions = Exclude<FastifyHelmetOptions, { global?: false }> & object;
type Directives = Record<string, string[]>;

/** One year, with subdomains: the relay's host serves nothing over plain http once it has https. */
const HSTS = 'max-age=31536000; includeSubDomains';

/** `'sha256-…'` sources for each inline `<style>` of a page we serve, so the CSP allows exactly those. */
export function inlineStyleHashes(html: string): string[] {
  return [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(([, css]) => `'sha256-${createHash('sha256').update(css!).digest('base64')}'`);
}

/** Any browser-facing document: nothing by default, never framed, no base or plugins. */
const LOCKED: Directives = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** A page of the relay's own scripts (the console, the hosted conversation): 'self' covers the socket's ws(s) too. */
function appPage(inlineStyles: string[], publicOrigin: string | null): Directives {
  const extra = publicOrigin ? [publicOrigin, publicOrigin.replace(/^http/, 'ws')] : [];
  return {
    ...LOCKED,
    'script-src': ["'self'", ...(publicOrigin ? [publicOrigin] : [])],
    'style-src': ["'self'", ...inlineStyles],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...extra],
    'form-action': ["'self'"],
  };
}

/** The demo clinic site: a stand-in for any clinic's page, so relaxed (inline styles, same-origin frames), but present. */
const SITE: Directives = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
};

export interface PagePolicies {
  /** Inline style hashes of the console's index.html. */
  consoleStyles: string[];
  /** Inline style hashes of the hosted conversation page. */
  hostedStyles: string[];
  /** PUBLIC_URL's origin when set: the hosted page loads the widget and connects there. */
  publicOrigin: string | null;
}

const kindOf = (url: string) =>
  url.startsWith('/console')
    ? 'console'
    : url.startsWith('/c/')
      ? 'hosted'
      : url.startsWith('/widget')
        ? 'widget'
        : url.startsWith('/api') || url.startsWith('/healthz')
          ? 'api'
          : 'site';

function helmetFor(kind: ReturnType<typeof kindOf>, policies: PagePolicies): HelmetOptions {
  const directives =
    kind === 'console'
      ? appPage(policies.consoleStyles, null)
      : kind === 'hosted'
        ? appPage(policies.hostedStyles, policies.publicOrigin)
        : kind === 'site'
          ? SITE
          : LOCKED;
  return {
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: kind === 'site' ? { action: 'sameorigin' } : { action: 'deny' },
    // Clinic sites load the widget's script and chunks from here; everything else is ours alone.
    crossOriginResourcePolicy: { policy: kind === 'widget' ? 'cross-origin' : 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: false,
  };
}

/** Registers helmet; call before any route is added, so every route gets its policy. */
export async function securityHeaders(app: FastifyInstance, policies: PagePolicies): Promise<void> {
  app.addHook('onRoute', (route) => {
    route.helmet ??= helmetFor(kindOf(route.url ?? route.path), policies);
  });
  // Routes without a policy of their own (404s) get the locked one.
  await app.register(fastifyHelmet, helmetFor('api', policies));
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') void reply.header('strict-transport-security', HSTS);
  });
}
