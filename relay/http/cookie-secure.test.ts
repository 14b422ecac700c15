/**
 * The session cookie's `Secure` follows PUBLIC_URL's scheme when it is set (the one source,
 * whatever reaches the relay from the proxy), else the request's scheme (X-Forwarded-Proto
 * only with TRUST_PROXY).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_PREFIX } from '../../protocol/http.ts';
import { startTestRedis, startTestRelay, TEST_PASSWORD } from '../testing/harness.ts';

async function sessionCookie(env: Record<string, string>, headers: Record<string, string> = {}): Promise<string> {
  const redis = await startTestRedis();
  const relay = await startTestRelay({ env, redis });
  try {
    const response = await fetch(`${relay.url}${API_PREFIX}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email: 'admin@demo.clinic', password: TEST_PASSWORD }),
    });
    assert.equal(response.status, 200);
    return response.headers.get('set-cookie') ?? '';
  } finally {
    await relay.close();
    await redis.stop();
  }
}

test('an https PUBLIC_URL makes the session cookie Secure even when the proxy talks plain http to the relay', async () => {
  assert.match(await sessionCookie({ PUBLIC_URL: 'https://chat.example.org', TRUST_PROXY: 'true' }), /;\s*Secure/i);
});

test('an http PUBLIC_URL keeps it without Secure, whatever X-Forwarded-Proto says', async () => {
  assert.doesNotMatch(await sessionCookie({ PUBLIC_URL: 'http://chat.example.org', TRUST_PROXY: 'true' }, { 'x-forwarded-proto': 'https' }), /;\s*Secure/i);
});

test('without PUBLIC_URL a trusted proxy’s X-Forwarded-Proto decides, an untrusted one is ignored', async () => {
  assert.match(await sessionCookie({ TRUST_PROXY: 'true' }, { 'x-forwarded-proto': 'https' }), /;\s*Secure/i);
  assert.doesNotMatch(await sessionCookie({}, { 'x-forwarded-proto': 'https' }), /;\s*Secure/i);
});
