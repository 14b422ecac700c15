/**
 * What the relay serves to browsers: the demo clinic site at `/`, the widget loader at
 * `/widget.js` (revalidated on every load, so clinics get fixes), the widget's hashed
 * chunks under `/widget/` (cached for a year: a new build has new names), and the staff
 * console under `/console/`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

const YEAR_SECONDS = 365 * 24 * 60 * 60;
const HASHED_FILE = /-[A-Za-z0-9_-]{8,}\.(js|css|map)$/;

function cacheHeaders(reply: FastifyReply, path: string): void {
  void reply.header('cache-control', HASHED_FILE.test(path) ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache');
}

const MOUNTS = [
  { name: 'widget', dir: root('dist/widget'), prefix: '/widget/' },
  { name: 'console', dir: root('dist/console'), prefix: '/console/' },
  { name: 'site', dir: root('examples/clinic-site'), prefix: '/' },
] as const;

export async function staticRoutes(app: FastifyInstance): Promise<void> {
  const present = MOUNTS.filter((mount) => existsSync(mount.dir));
  const missing = MOUNTS.filter((mount) => !present.includes(mount)).map((mount) => mount.name);
  if (missing.length > 0) app.log.warn({ code: 'RELAY_ERR_NOT_BUILT', missing }, 'browser files are missing: run `npm run build`');

  for (const [index, mount] of present.entries()) {
    await app.register(fastifyStatic, {
      root: mount.dir,
      prefix: mount.prefix,
      // reply.sendFile is decorated once, by the first mount.
      decorateReply: index === 0,
      cacheControl: false,
      setHeaders: cacheHeaders,
    });
  }

  const widget = MOUNTS[0];
  if (present.includes(widget)) {
    app.get('/widget.js', (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('widget.js', widget.dir));
  }
}
