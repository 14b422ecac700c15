import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERRORS } from '../protocol/errors.ts';
import { RELAY_ERRORS } from './errors.ts';

const relayDir = fileURLToPath(new URL('.', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

test('every internal error code is in the relay README table, and the table lists no other', () => {
  const readme = readFileSync(join(relayDir, 'README.md'), 'utf8');
  const documented = new Set([...readme.matchAll(/^\| `(RELAY_ERR_[A-Z_]+)` \|/gm)].map((m) => m[1]));
  assert.deepEqual([...documented].sort(), Object.keys(RELAY_ERRORS).sort());
});

test('every RELAY_ERR_ literal in the relay is a registered code, and each maps to a protocol code or none', () => {
  for (const file of sources(relayDir)) {
    for (const [literal] of readFileSync(file, 'utf8').matchAll(/RELAY_ERR_[A-Z_]+/g)) {
      assert.ok(Object.hasOwn(RELAY_ERRORS, literal), `${literal} in ${file} is not in relay/errors.ts`);
    }
  }
  for (const { client } of Object.values(RELAY_ERRORS)) assert.ok(client === null || Object.hasOwn(ERRORS, client));
});
