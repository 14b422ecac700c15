import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { startTestRelay } from '../testing/harness.ts';

test('GET /widget/site-check answers by the handshake’s rule: unknown key 401, disallowed origin 403, allowed origin 204; nothing stored', async (t) => {
  const relay = await startTestRelay();
  t.after(() => relay.stop());
  const redis = new Redis(relay.redis.url);
  t.after(() => redis.disconnect());
  const digestBefore = await redis.call('DEBUG', 'DIGEST');
  const ask = (query: string, headers: Record<string, string>) => fetch(`${relay.url}/widget/site-check${query}`, { headers });

  for (const [query, headers, status, code] of [
    ['?site=no-such-clinic', { origin: relay.url }, 401, 'SITE_KEY_UNKNOWN'],
    ['?site=Not%20A%20Key', { origin: relay.url }, 401, 'SITE_KEY_UNKNOWN'],
    ['?site=demo', { origin: 'https://elsewhere.example' }, 403, 'ORIGIN_NOT_ALLOWED'],
    // No Origin and not a browser's same-origin request: nothing says which page asks.
    ['?site=demo', {}, 403, 'ORIGIN_NOT_ALLOWED'],
    ['', { origin: relay.url }, 400, 'BAD_REQUEST'],
  ] as const) {
    const response = await ask(query, headers);
    assert.equal(response.status, status, `${query} ${JSON.stringify(headers)}`);
    assert.equal(((await response.json()) as { code: string }).code, code);
    assert.equal(response.headers.get('cache-control'), 'no-store', 'a refusal is never kept, so a fixed setting shows at once');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
  }

  for (const headers of [{ origin: relay.url }, { 'sec-fetch-site': 'same-origin' }] as Record<string, string>[]) {
    const served = await ask('?site=demo', headers);
    assert.equal(served.status, 204, JSON.stringify(headers));
    assert.equal(served.headers.get('access-control-allow-origin'), '*');
    assert.match(served.headers.get('cache-control') ?? '', /max-age=86400/);
    assert.match(served.headers.get('vary') ?? '', /origin/);
  }

  assert.equal(await redis.call('DEBUG', 'DIGEST'), digestBefore, 'a site check changed the store');
});
