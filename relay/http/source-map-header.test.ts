/**
 * The widget's bundles carry no `sourceMappingURL` comment (bytes every patient would
 * download); with SOURCE_MAPS=public the relay names each map in a `SourceMap` header
 * instead, and with maps off it names none. Needs the build: `npx rollup -c` first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { staticRoutes } from './static-routes.ts';

const dist = fileURLToPath(new URL('../../dist/widget/', import.meta.url));
const chunk = readdirSync(dist).find((name) => /^chat-[\w-]{8,}\.js$/.test(name))!;

for (const sourceMaps of ['public', 'off'] as const) {
  test(`SOURCE_MAPS=${sourceMaps}: the widget's scripts ${sourceMaps === 'public' ? 'name their maps in a SourceMap header' : 'name no map'}, in every encoding`, async (t) => {
    const app = Fastify();
    await app.register(staticRoutes, { sourceMaps, demoSite: false });
    t.after(() => app.close());
    for (const [url, map] of [
      ['/widget.js', 'widget.js.map'],
      [`/widget/${chunk}`, `${chunk}.map`],
    ] as const) {
      assert.doesNotMatch(readFileSync(dist + url.replace(/^\/(widget\/)?/, ''), 'utf8'), /sourceMappingURL/, url);
      for (const encoding of ['identity', 'gzip', 'br']) {
        const answer = await app.inject({ url, headers: { 'accept-encoding': encoding } });
        assert.equal(answer.statusCode, 200);
        assert.equal(answer.headers.sourcemap, sourceMaps === 'public' ? map : undefined, `${url} ${encoding}`);
      }
      const mapAnswer = await app.inject({ url: `/widget/${map}` });
      assert.equal(mapAnswer.statusCode, sourceMaps === 'public' ? 200 : 404, map);
    }
  });
}
