/**
 * The build's pre-compressed copies (scripts/precompress.mjs) are what browsers get: brotli
 * or gzip by Accept-Encoding, the same bytes once decoded, `Vary: Accept-Encoding` on every
 * answer (a shared cache must not hand one encoding to a client that asked for another),
 * and nothing compressed per request. Needs `npm run build` (npm test builds first).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { staticRoutes } from './static-routes.ts';

const dist = (path: string) => fileURLToPath(new URL(`../../dist/${path}`, import.meta.url));
const chunk = readdirSync(dist('widget')).find((name) => /^chat-[\w-]{8,}\.js$/.test(name))!;
const FILES = ['/widget.js', `/widget/${chunk}`, '/console/console.js'];

const app = Fastify();
await app.register(staticRoutes, { sourceMaps: 'off', demoSite: false });
after(() => app.close());

const get = (url: string, acceptEncoding?: string) => app.inject({ url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

test('the widget and console bundles are sent brotli- or gzip-compressed as the browser accepts, with Vary: Accept-Encoding', async (t) => {
  for (const url of FILES) {
    const plain = await get(url);
    assert.equal(plain.statusCode, 200, url);
    assert.equal(plain.headers['content-encoding'], undefined, url);
    assert.match(String(plain.headers.vary), /accept-encoding/i, url);

    const br = await get(url, 'gzip, deflate, br');
    assert.equal(br.headers['content-encoding'], 'br', url);
    assert.match(String(br.headers.vary), /accept-encoding/i, url);
    assert.match(String(br.headers['content-type']), /javascript/, url);
    assert.deepEqual(brotliDecompressSync(br.rawPayload), plain.rawPayload, url);

    const gz = await get(url, 'gzip');
    assert.equal(gz.headers['content-encoding'], 'gzip', url);
    assert.deepEqual(gunzipSync(gz.rawPayload), plain.rawPayload, url);
    t.diagnostic(`${url}: ${plain.rawPayload.length} B, brotli ${br.rawPayload.length} B, gzip ${gz.rawPayload.length} B`);
  }
});

test('the widget chunk is served at about a third of its size or less, as built (not compressed per request)', async () => {
  const url = `/widget/${chunk}`;
  const br = await get(url, 'br');
  assert.deepEqual(br.rawPayload, readFileSync(dist(`widget/${chunk}.br`)));
  assert.ok(br.rawPayload.length * 3 < (await get(url)).rawPayload.length);
});

test('source maps get no compressed copies, so none can be fetched past SOURCE_MAPS=off', async () => {
  const built = [...readdirSync(dist('widget')), ...readdirSync(dist('console'))];
  assert.deepEqual(
    built.filter((name) => /\.map\.(br|gz)$/.test(name)),
    [],
  );
  assert.equal((await get(`/widget/${chunk}.map`, 'br')).statusCode, 404);
});

test('a hashed chunk is cached for a year in every encoding, so an idle prefetch is reused without revalidating', async () => {
  for (const encoding of [undefined, 'gzip', 'br']) {
    const answer = await get(`/widget/${chunk}`, encoding);
    assert.equal(answer.headers['cache-control'], 'public, max-age=31536000, immutable', String(encoding));
  }
  assert.equal((await get('/widget.js', 'br')).headers['cache-control'], 'no-cache');
});
