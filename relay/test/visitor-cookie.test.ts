/**
 * Cookie mode of the visitor token (issue 10 §4): on a relay served over https, the
 * long-lived token lives in a partitioned HttpOnly cookie (CHIPS) and the page gets only
 * short-lived connection tokens for its handshakes (http/visitor-credential-route.ts).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectVisitor, ok, trackConnections } from '../testing/clients.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { keys } from '../store/keys.ts';
import { hashSecret } from '../store/random-ids.ts';
import { connectRedis } from '../store/redis-client.ts';
import { COOKIE_TOKENS, TOKEN_ROTATION } from '../store/visitor-store.ts';
import { VISITOR_CREDENTIAL_PATH, visitorCookieName } from '../http/visitor-credential-route.ts';

let relay: TestRelay;
before(async () => {
  // Behind a TLS-terminating proxy: PUBLIC_URL says https.
  relay = await startTestRelay({ env: { PUBLIC_URL: 'https://chat.example.test' } });
});
after(() => relay.stop());
const open = trackConnections(() => relay);
after(open.closeAll);

const COOKIE = visitorCookieName('demo');
const page = () => relay.url;

interface Answer {
  status: number;
  body: { token?: string; fresh?: boolean; expiresInMs?: number; code?: string };
  setCookie: string | null;
  headers: Headers;
}

async function ask(options: { cookie?: string | null; origin?: string; site?: string; url?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { origin: options.origin ?? page() };
  if (options.cookie) headers.cookie = `${COOKIE}=${options.cookie}`;
  const response = await fetch(`${options.url ?? relay.url}${VISITOR_CREDENTIAL_PATH}?site=${options.site ?? 'demo'}`, { method: 'POST', headers });
  return { status: response.status, body: (await response.json()) as Answer['body'], setCookie: response.headers.get('set-cookie'), headers: response.headers };
}

const cookieValue = (setCookie: string | null) => setCookie?.match(new RegExp(`^${COOKIE}=([^;]+)`))?.[1] ?? null;

const withRedis = async <T>(step: (redis: ReturnType<typeof connectRedis>) => Promise<T>) => {
  const redis = connectRedis(relay.redis.url);
  try {
    return await step(redis);
  } finally {
    redis.disconnect();
  }
};

test('a first request sets the partitioned HttpOnly cookie and answers a connection token the handshake accepts, for exactly the asking origin', async () => {
  const first = await ask();
  assert.equal(first.status, 200);
  assert.equal(first.body.fresh, true);
  assert.equal(first.body.expiresInMs, COOKIE_TOKENS.connectionSeconds * 1000);
  assert.match(
    first.setCookie ?? '',
    new RegExp(`^${COOKIE}=[A-Za-z0-9_-]{43}; Path=${VISITOR_CREDENTIAL_PATH}; Max-Age=\\d+; Partitioned; Secure; SameSite=None; HttpOnly$`),
  );
  assert.equal(first.headers.get('access-control-allow-origin'), page());
  assert.equal(first.headers.get('access-control-allow-credentials'), 'true');
  assert.equal(first.headers.get('cache-control'), 'no-store');

  const tab = await open.patient({ token: first.body.token });
  assert.equal(tab.session.token, undefined, 'no token for the page to keep');
});

test('the cookie brings the same patient back with a new connection token; connection tokens stay short-lived after the patient writes', async () => {
  const first = await ask();
  const cookie = cookieValue(first.setCookie)!;
  const tab = await open.patient({ token: first.body.token });
  const { thread } = await ok(tab.socket, 'thread:open', { kind: 'general' });

  const again = await ask({ cookie });
  assert.equal(again.status, 200);
  assert.equal(again.body.fresh, false);
  assert.equal(again.setCookie, null, 'a fresh cookie is left as it is');
  assert.notEqual(again.body.token, first.body.token);
  const later = await open.patient({ token: again.body.token });
  assert.deepEqual(
    (await ok(later.socket, 'thread:list', {})).threads.map((t) => t.id),
    [thread.id],
  );
  const ttl = await withRedis((redis) => redis.ttl(keys.visitorByToken(hashSecret(first.body.token!))));
  assert.ok(ttl > 0 && ttl <= COOKIE_TOKENS.connectionSeconds, `the connection token still expires (ttl ${ttl} s)`);
});

test('an old cookie is rotated: a new one is set, the old one is refused after the grace period and then gets a new visitor', async () => {
  const first = await ask();
  const cookie = cookieValue(first.setCookie)!;
  const tab = await open.patient({ token: first.body.token });
  const { thread } = await ok(tab.socket, 'thread:open', { kind: 'general' });
  const key = keys.visitorByToken(hashSecret(cookie));
  await withRedis(async (redis) => {
    const [id, , device] = (await redis.get(key))!.split(' ');
    await redis.set(key, `${id} ${Date.now() - TOKEN_ROTATION.rotateAfterMs - 1} ${device}`, 'KEEPTTL');
  });

  const rotated = await ask({ cookie });
  const next = cookieValue(rotated.setCookie);
  assert.ok(next && next !== cookie);
  assert.equal(rotated.body.fresh, false);
  const resumed = await open.patient({ token: rotated.body.token });
  assert.deepEqual(
    (await ok(resumed.socket, 'thread:list', {})).threads.map((t) => t.id),
    [thread.id],
  );

  await withRedis((redis) => redis.del(key)); // the grace period over
  const replayed = await ask({ cookie });
  assert.equal(replayed.body.fresh, true);
  const stranger = await open.patient({ token: replayed.body.token });
  assert.deepEqual((await ok(stranger.socket, 'thread:list', {})).threads, []);
});

test('“Forget this device” in cookie mode ends the cookie’s token too', async () => {
  const first = await ask();
  const cookie = cookieValue(first.setCookie)!;
  const tab = await open.patient({ token: first.body.token });
  await ok(tab.socket, 'visitor:forget', {});
  await assert.rejects(connectVisitor(relay.url, { token: first.body.token }), { message: 'TOKEN_INVALID' });
  assert.equal((await ask({ cookie })).body.fresh, true);
});

test('another site, an unknown site key or a relay on plain http gets a coded refusal and no cookie', async () => {
  const elsewhere = await ask({ origin: 'https://evil.example' });
  assert.deepEqual([elsewhere.status, elsewhere.body.code, elsewhere.setCookie], [403, 'ORIGIN_NOT_ALLOWED', null]);
  assert.equal(elsewhere.headers.get('access-control-allow-origin'), null);
  const unknown = await ask({ site: 'no-such-clinic' });
  assert.deepEqual([unknown.status, unknown.body.code, unknown.setCookie], [401, 'SITE_KEY_UNKNOWN', null]);

  const plain = await startTestRelay({ redis: relay.redis });
  try {
    const answer = await ask({ url: plain.url, origin: plain.url });
    assert.deepEqual([answer.status, answer.body.code, answer.setCookie], [400, 'BAD_REQUEST', null]);
  } finally {
    await plain.stop();
  }
});
