/**
 * The HTTP table of protocol/README.md and the relay's routes agree both ways: every
 * documented route answers on a running relay (not `404 NO_ROUTE`), and every route the
 * relay registers is documented. Static files need the build: `npx rollup -c` first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_PREFIX } from '../../protocol/http.ts';
import { startTestRelay } from '../testing/harness.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const readme = readFileSync(new URL('../../protocol/README.md', import.meta.url), 'utf8');

/** `METHOD /path` of every documented route; a row may list several paths for one method. */
function documentedRoutes(): string[] {
  const table = readme.slice(readme.indexOf('\n## HTTP API\n'), readme.indexOf('\n## Error codes\n'));
  return [...table.matchAll(/^\| (`[^|]+`) \|/gm)].flatMap((row) => {
    const cells = [...row[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    const method = cells[0]!.split(' ')[0]!;
    return cells.map((cell, i) => (i === 0 ? cell : `${method} ${cell}`));
  });
}

/** `METHOD /path` of every route registered in relay/http, read from the source. */
function registeredRoutes(): string[] {
  return readdirSync(here)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .flatMap((file) => {
      const source = readFileSync(join(here, file), 'utf8');
      const routes = [...source.matchAll(/\.(get|post|put|patch|delete)(?:<[^>]*>)?\(\s*[`'](\/[^`']*|\$\{API_PREFIX\}[^`']*)[`']/g)].map(
        (m) => `${m[1]!.toUpperCase()} ${m[2]!.replace('${API_PREFIX}', API_PREFIX)}`,
      );
      // Static folders: `prefix: '/widget/'` serves every file below it.
      const mounts = [...source.matchAll(/prefix: '(\/[^']*)'/g)].map((m) => `GET ${m[1] === '/' ? '/' : `${m[1]}*`}`);
      return [...routes, ...mounts];
    });
}

/** A path to request for a documented one: a wildcard becomes a file the build put in that folder. */
function concrete(path: string): string {
  if (!path.endsWith('/*')) return path;
  const prefix = path.slice(0, -1);
  const built = fileURLToPath(new URL(`../../dist${prefix}`, import.meta.url));
  const file = readdirSync(built, { withFileTypes: true }).find((entry) => entry.isFile());
  assert.ok(file, `dist${prefix} holds a file: run \`npx rollup -c\` first`);
  return prefix + file.name;
}

test("every route the relay registers is in the README's HTTP table", () => {
  const documented = new Set(documentedRoutes());
  const registered = registeredRoutes();
  assert.ok(registered.length >= 5, `found only ${registered.join(', ')}`);
  for (const route of registered) assert.ok(documented.has(route), `${route} is undocumented`);
});

test("every route in the README's HTTP table answers on a running relay", async (t) => {
  const relay = await startTestRelay();
  t.after(() => relay.stop());
  for (const route of documentedRoutes()) {
    const [method, path] = route.split(' ') as [string, string];
    const body = method === 'POST' ? '{}' : undefined;
    const response = await fetch(relay.url + concrete(path), { method, body, headers: body ? { 'content-type': 'application/json' } : {} });
    const answer = await response.text();
    assert.notEqual(response.status, 404, `${route}: ${answer}`);
    assert.ok(response.status < 500, `${route}: ${response.status} ${answer}`);
  }
});
