import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ERRORS } from './errors.ts';
import { STAFF_REQUESTS, VISITOR_REQUESTS } from './events.ts';

const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');

test('protocol/README.md documents every error code and every event', () => {
  for (const code of Object.keys(ERRORS)) assert.ok(readme.includes(`\`${code}\``), `error code ${code} is undocumented`);
  for (const event of [...Object.keys(VISITOR_REQUESTS), ...Object.keys(STAFF_REQUESTS)]) {
    assert.ok(readme.includes(`\`${event}\``), `event ${event} is undocumented`);
  }
});
