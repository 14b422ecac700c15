/**
 * What the relay serves to browsers: the demo clinic site at `/`, the widget loader at
 * `/widget.js` (revalidated on every load, so clinics get fixes), the widget's hashed
 * chunks under `/widget/` (cached for a year: a new build has new names), and the staff
 * console under `/console/`. Source maps (`*.map`) are served only with SOURCE_MAPS=public.
 * The demo site is served only with the demo clinic (SEED_DEMO), never by default in
 * production. The build writes a `.br` and a `.gz` beside each bundle
 * (scripts/precompress.mjs); they are sent to browsers that accept them, with
 * `Vary: Accept-Encoding`, so nothing is compressed per request.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

const YEAR_SECONDS = 365 * 24 * 60 * 60;
// A pre-compressed copy (`.br`, `.gz`) is the path @fastify/static hands over when it sends one.
const HASHED_FILE = /-[A-Za-z0-9_-]{8,}\.(js|css|map)(\.br|\.gz)?$/;

function cacheHeaders(reply: FastifyReply, path: string): void {
  void reply.header('cache-control', HASHED_FILE.test(path) ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache');
}

/**
 * With public source maps, a script names its map in a `SourceMap` header: the widget's
 * bundles carry no `sourceMappingURL` comment, which every patient would download
 * (widget/rollup.bundles.mjs).
 */
function sourceMapHeader(reply: FastifyReply, path: string): void {
  const file = path.replace(/\.(br|gz)$/, '');
  if (file.endsWith('.js') && existsSync(`${file}.map`)) void reply.header('sourcemap', `${basename(file)}.map`);
}

const ELEMENT_CHUNK = /^chat-[A-Za-z0-9_-]{8,}\.js$/;

/**
 * The widget's element chunk (`chat-<hash>.js`, which registers `<clinic-chat>`), for
 * pages the relay hosts itself; the newest if several builds left one. Null when not built.
 */
export function elementChunkPath(): string | null {
  const dir = root('dist/widget');
  if (!existsSync(dir)) return null;
  const chunks = readdirSync(dir).filter((name) => ELEMENT_CHUNK.test(name));
  chunks.sort((a, b) => statSync(join(dir, b)).mtimeMs - statSync(join(dir, a)).mtimeMs);
  return chunks[0] ? `/widget/${chunks[0]}` : null;
}

/** The console's built index.html, whose inline styles its CSP allows by hash; empty when not built. */
export function consoleIndexHtml(): string {
  const path = join(root('dist/console'), 'index.html');
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

const MOUNTS = [
  { name: 'widget', dir: root('dist/widget'), prefix: '/widget/' },
  { name: 'console', dir: root('dist/console'), prefix: '/console/' },
  { name: 'site', dir: root('examples/clinic-site'), prefix: '/' },
] as const;

export interface StaticOptions {
  sourceMaps: 'public' | 'off';
  /** Serve the demo clinic site at `/` (with the demo clinic only); default true. */
  demoSite?: boolean;
}

export async function staticRoutes(app: FastifyInstance, { sourceMaps, demoSite = true }: StaticOptions): Promise<void> {
  const wanted = demoSite ? MOUNTS : MOUNTS.filter((mount) => mount.name !== 'site');
  const present = wanted.filter((mount) => existsSync(mount.dir));
  const missing = wanted.filter((mount) => !present.includes(mount)).map((mount) => mount.name);
  if (missing.length > 0) app.log.warn({ code: 'RELAY_ERR_NOT_BUILT', missing }, 'browser files are missing: run `npm run build`');

  for (const [index, mount] of present.entries()) {
    await app.register(fastifyStatic, {
      root: mount.dir,
      prefix: mount.prefix,
      // reply.sendFile is decorated once, by the first mount.
      decorateReply: index === 0,
      cacheControl: false,
      preCompressed: true,
      setHeaders: (reply: FastifyReply, path: string) => {
        cacheHeaders(reply, path);
        if (sourceMaps === 'public') sourceMapHeader(reply, path);
      },
      allowedPath: (path) => sourceMaps === 'public' || !path.endsWith('.map'),
    });
  }

  const widget = MOUNTS[0];
  if (present.includes(widget)) {
    app.get('/widget.js', (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('widget.js', widget.dir));
  }
}
