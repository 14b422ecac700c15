import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_PREFIX, SESSION_COOKIE } from '../../protocol/http.ts';
import { relayForFile } from '../testing/file-fixtures.ts';
import { connectStaffWithCookie, login, ok } from '../testing/clients.ts';
import { keys } from '../store/keys.ts';
import { hashSecret } from '../store/random-ids.ts';
import { connectRedis } from '../store/redis-client.ts';

const file = relayForFile();
const MINUTE = 60_000;

const me = (cookie: string) => fetch(`${file.relay.url}${API_PREFIX}/auth/me`, { headers: { cookie } });

/** Moves a session's last use into the past, as if nobody had used it since. */
async function age(cookie: string, byMs: number): Promise<() => Promise<number>> {
  const key = keys.session(hashSecret(cookie.slice(SESSION_COOKIE.length + 1)));
  const redis = connectRedis(file.relay.redis.url);
  const stored = JSON.parse((await redis.get(key))!) as { seenAt: number };
  await redis.set(key, JSON.stringify({ ...stored, seenAt: stored.seenAt - byMs }), 'KEEPTTL');
  return async () => {
    const seenAt = (JSON.parse((await redis.get(key)) ?? '{}') as { seenAt?: number }).seenAt ?? 0;
    redis.disconnect();
    return seenAt;
  };
}

test('with an idle timeout, a session unused past it is over for requests and new sockets; one used within it goes on and is touched', async (t) => {
  const owner = await file.open.staff('owner@demo.clinic');
  const { clinic } = await ok(owner, 'clinic:get', {});
  await ok(owner, 'clinic:update', { security: { ...clinic.security, idleTimeoutMinutes: 2 } });
  t.after(() => ok(owner, 'clinic:update', { security: clinic.security }));

  const idle = (await login(file.relay.url, 'admin@demo.clinic', file.relay.password)).cookie;
  await (
    await age(idle, 3 * MINUTE)
  )();
  assert.equal((await me(idle)).status, 401);
  await assert.rejects(connectStaffWithCookie(file.relay.url, idle), { message: 'AUTH_REQUIRED' });

  const used = (await login(file.relay.url, 'admin@demo.clinic', file.relay.password)).cookie;
  const seenAt = await age(used, 90_000);
  const before = Date.now();
  assert.equal((await me(used)).status, 200);
  assert.ok((await seenAt()) >= before, 'the use was recorded');
  (await connectStaffWithCookie(file.relay.url, used)).close();
});
