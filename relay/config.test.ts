import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, DEFAULTS, loadConfig } from './config.ts';

test('with no environment the documented defaults apply, frozen', () => {
  const config = loadConfig({});
  assert.equal(config.port, DEFAULTS.port);
  assert.equal(config.host, DEFAULTS.host);
  assert.equal(config.redisUrl, null);
  assert.ok(Object.isFrozen(config));
});

test('a bad value stops start-up with an error naming the variable and what it expects', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: 'eighty' }, /^PORT: expected an integer from 0 to 65535/],
    [{ PORT: '70000' }, /^PORT: /],
    [{ REDIS_URL: 'not a url' }, /^REDIS_URL: expected a URL/],
    [{ REDIS_URL: 'localhost:6379' }, /^REDIS_URL: expected a redis/],
    [{ REDIS_URL: 'http://x' }, /^REDIS_URL: expected a redis:\/\//],
    [{ REDIS_APPENDFSYNC: 'sometimes' }, /^REDIS_APPENDFSYNC: expected one of everysec, always, no/],
    [{ SESSION_TTL_SECONDS: '0' }, /^SESSION_TTL_SECONDS: /],
    [{ DEMO_PASSWORD: 'short' }, /^DEMO_PASSWORD: expected at least 10 characters/],
    [{ SEED_DEMO: 'maybe' }, /^SEED_DEMO: /],
    [{ RELAY_ADAPTER: 'kafka' }, /^RELAY_ADAPTER: /],
  ];
  for (const [env, message] of cases) {
    assert.throws(
      () => loadConfig(env),
      (error: unknown) => error instanceof ConfigError && message.test(error.message),
      JSON.stringify(env),
    );
  }
});

test('a password never appears in a configuration error', () => {
  assert.throws(
    () => loadConfig({ DEMO_PASSWORD: 'secret1' }),
    (error: Error) => !error.message.includes('secret1'),
  );
});

test('PUBLIC_URL is an http(s) URL kept without a trailing slash; anything else names the variable', () => {
  assert.equal(loadConfig({ PUBLIC_URL: 'https://chat.example.org/' }).publicUrl, 'https://chat.example.org');
  assert.equal(loadConfig({ PUBLIC_URL: 'https://example.org/chat/' }).publicUrl, 'https://example.org/chat');
  assert.equal(loadConfig({}).publicUrl, null);
  for (const bad of ['chat.example.org', 'ftp://example.org', 'https://example.org/?x=1']) {
    assert.throws(
      () => loadConfig({ PUBLIC_URL: bad }),
      (error: Error) => error instanceof ConfigError && error.message.startsWith('PUBLIC_URL:'),
    );
  }
});

test('NODE_ENV=production needs REDIS_URL, seeds no demo by default, and seeds one only with DEMO_PASSWORD', () => {
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production' }),
    (error: Error) => error instanceof ConfigError && error.message.startsWith('REDIS_URL:'),
  );
  const production = loadConfig({ NODE_ENV: 'production', REDIS_URL: 'redis://10.0.0.5:6379/0' });
  assert.equal(production.production, true);
  assert.equal(production.seedDemo, false);
  assert.equal(loadConfig({}).seedDemo, true);
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production', REDIS_URL: 'redis://10.0.0.5:6379/0', SEED_DEMO: 'true' }),
    (error: Error) => error instanceof ConfigError && error.message.startsWith('DEMO_PASSWORD:'),
  );
  assert.equal(loadConfig({ NODE_ENV: 'production', REDIS_URL: 'redis://r/0', SEED_DEMO: 'true', DEMO_PASSWORD: 'long-enough-1' }).seedDemo, true);
});

test('METRICS_TOKEN is at least 16 characters without spaces, and never quoted in the error', () => {
  assert.equal(loadConfig({}).metricsToken, null);
  assert.equal(loadConfig({ METRICS_TOKEN: 'a'.repeat(16) }).metricsToken, 'a'.repeat(16));
  for (const bad of ['short-token', 'has a space in the token']) {
    assert.throws(
      () => loadConfig({ METRICS_TOKEN: bad }),
      (error: Error) => error instanceof ConfigError && error.message.startsWith('METRICS_TOKEN:') && !error.message.includes(bad),
    );
  }
});

test('REDIS_CLUSTER_NODES lists seed masters with one scheme and one password, never quoted in the error, and replaces REDIS_URL', () => {
  assert.equal(loadConfig({}).redisCluster, null);
  assert.deepEqual(loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.5:7000, 10.0.0.6:7000' }).redisCluster, { nodes: ['10.0.0.5:7000', '10.0.0.6:7000'], tls: false });
  assert.deepEqual(loadConfig({ REDIS_CLUSTER_NODES: 'rediss://relay:s%40cret@a.example:7000,rediss://relay:s%40cret@b.example:7000' }).redisCluster, {
    nodes: ['a.example:7000', 'b.example:7000'],
    username: 'relay',
    password: 's@cret',
    tls: true,
  });
  const production = loadConfig({ NODE_ENV: 'production', REDIS_CLUSTER_NODES: '10.0.0.5:7000' });
  assert.equal(production.redisUrl, null);
  for (const env of [
    { REDIS_CLUSTER_NODES: '10.0.0.5' },
    { REDIS_CLUSTER_NODES: 'http://10.0.0.5:7000' },
    { REDIS_CLUSTER_NODES: 'redis://:one-secret@a:7000,redis://:other-secret@b:7000' },
    { REDIS_CLUSTER_NODES: 'redis://a:7000/0' },
    { REDIS_CLUSTER_NODES: 'a:7000', REDIS_URL: 'redis://a:6379' },
  ]) {
    assert.throws(
      () => loadConfig(env),
      (error: Error) => error instanceof ConfigError && error.message.startsWith('REDIS_CLUSTER_NODES:') && !error.message.includes('secret'),
      JSON.stringify(env),
    );
  }
});
