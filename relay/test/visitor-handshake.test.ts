import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { startTestRedis, startTestRelay } from '../testing/harness.ts';
import { connectVisitor } from '../testing/clients.ts';

type RefusedHandshake = Error & { data?: { code: string; data?: Record<string, unknown> } };

/** The refusal of a handshake that must not connect. */
async function refusal(connecting: Promise<unknown>): Promise<RefusedHandshake> {
  try {
    await connecting;
  } catch (error) {
    return error as RefusedHandshake;
  }
  assert.fail('the handshake was accepted');
}

test('a handshake with a bad page, time zone, site key or token is refused whole before anything is stored', async (t) => {
  const relay = await startTestRelay();
  t.after(() => relay.stop());
  const redis = new Redis(relay.redis.url);
  t.after(() => redis.disconnect());
  const keysBefore = await redis.dbsize();
  const digestBefore = await redis.call('DEBUG', 'DIGEST');

  for (const [auth, code] of [
    [{ page: 'javascript:alert(1)' }, 'BAD_REQUEST'],
    [{ page: `https://clinic.example/${'x'.repeat(600)}` }, 'BAD_REQUEST'],
    [{ timeZone: 'Europe/Moscow; DROP' }, 'BAD_REQUEST'],
    [{ siteKey: 'Not A Key' }, 'SITE_KEY_UNKNOWN'],
    [{ token: 'too-short' }, 'TOKEN_INVALID'],
  ] as const) {
    const error = await refusal(connectVisitor(relay.url, auth));
    assert.equal(error.message, code, JSON.stringify(auth));
    assert.equal(error.data?.code, code);
  }
  const error = await refusal(connectVisitor(relay.url, { page: 'ftp://clinic.example/' }));
  assert.equal(error.data?.data?.path, '/page');

  assert.equal(await redis.dbsize(), keysBefore, 'a refused handshake created keys');
  assert.equal(await redis.call('DEBUG', 'DIGEST'), digestBefore, 'a refused handshake changed the store');
  // A good handshake after them does store its visitor.
  const patient = await connectVisitor(relay.url, { page: `${relay.url}/prices`, timeZone: 'Europe/Moscow' });
  patient.socket.close();
  assert.ok((await redis.dbsize()) > keysBefore);
});

test('one address gets a limited number of visitor handshakes per minute, counted across every relay on the Redis', async (t) => {
  const redisServer = await startTestRedis();
  t.after(() => redisServer.stop());
  const env = { VISITOR_HANDSHAKES_PER_MIN: '3' };
  const a = await startTestRelay({ redis: redisServer, env });
  t.after(() => a.stop());
  const b = await startTestRelay({ redis: redisServer, env });
  t.after(() => b.stop());
  const redis = new Redis(redisServer.url);
  t.after(() => redis.disconnect());

  const accepted = [await connectVisitor(a.url), await connectVisitor(a.url), await connectVisitor(b.url, { origin: b.url })];
  for (const patient of accepted) patient.socket.close();
  const keys = await redis.dbsize();

  for (const [relay, origin] of [
    [b, b.url],
    [a, a.url],
  ] as const) {
    const error = await refusal(connectVisitor(relay.url, { origin }));
    assert.equal(error.message, 'RATE_LIMITED');
    assert.equal(typeof error.data?.data?.retryAfterMs, 'number');
  }
  // A returning visitor from the same address is counted too: its token does not buy more handshakes.
  assert.equal((await refusal(connectVisitor(a.url, { token: accepted[0]!.token }))).message, 'RATE_LIMITED');
  assert.equal(await redis.dbsize(), keys, 'a limited handshake stored a visitor');
});
