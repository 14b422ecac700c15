import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newEntityId } from './random-ids.ts';

test('entity ids are 22 URL-safe characters and never start with "-" (the CLI would take one for an option)', () => {
  // Without the rule about one in 64 would: among 20,000, about 312.
  const ids = Array.from({ length: 20_000 }, () => newEntityId<string>());
  for (const id of ids) assert.match(id, /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  assert.equal(new Set(ids).size, ids.length);
});
