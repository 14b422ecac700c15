import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTtlCache } from './ttl-cache.ts';

test('a value is loaded once within its time to live and again after it', async () => {
  let clock = 0;
  let loads = 0;
  const cache = createTtlCache(
    { ttlMs: 100, maxEntries: 10 },
    async (key: string) => `${key}#${++loads}`,
    () => clock,
  );
  assert.equal(await cache.get('a'), 'a#1');
  assert.equal(await cache.get('a'), 'a#1');
  clock = 100;
  assert.equal(await cache.get('a'), 'a#2');
});

test('made-up keys cannot grow the cache past its bound', async () => {
  const cache = createTtlCache({ ttlMs: 60_000, maxEntries: 50 }, async (key: number) => key);
  for (let i = 0; i < 10_000; i += 1) await cache.get(i);
  assert.equal(cache.size, 50);
  assert.equal(await cache.get(9_999), 9_999);
});

test('a failed load is not remembered', async () => {
  let fail = true;
  const cache = createTtlCache({ ttlMs: 60_000, maxEntries: 10 }, async () => {
    if (fail) throw new Error('redis down');
    return 'ok';
  });
  await assert.rejects(cache.get('k'));
  fail = false;
  assert.equal(await cache.get('k'), 'ok');
});
