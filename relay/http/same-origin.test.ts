import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { API_PREFIX } from '../../protocol/http.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { connectStaffWithCookie, login } from '../testing/clients.ts';
import { handshakeTarget, isSameOrigin } from './cookies.ts';

test('the same origin means the same scheme, host and port, or PUBLIC_URL’s origin', () => {
  const target = { protocol: 'http', host: 'chat.example.org:8080' };
  assert.ok(isSameOrigin('http://chat.example.org:8080', target, null));
  assert.ok(isSameOrigin('http://CHAT.example.org:8080', target, null));
  assert.ok(!isSameOrigin('https://chat.example.org:8080', target, null));
  assert.ok(!isSameOrigin('http://chat.example.org', target, null));
  assert.ok(!isSameOrigin('http://chat.example.org:8081', target, null));
  assert.ok(!isSameOrigin('null', target, null));
  assert.ok(!isSameOrigin(undefined, target, null));
  assert.ok(isSameOrigin('https://chat.example.org', { protocol: 'http', host: '10.0.0.5:8080' }, 'https://chat.example.org/prefix'));
  assert.ok(isSameOrigin('https://chat.example.org', { protocol: 'https', host: 'chat.example.org:443' }, null));
});

test('a handshake’s scheme and host come from a trusted proxy’s nearest entry, and only when trusted', () => {
  const handshake = {
    secure: false,
    headers: { 'host': '10.0.0.5:8080', 'x-forwarded-proto': 'http, https', 'x-forwarded-host': 'evil.example, chat.example.org' },
  };
  assert.deepEqual(handshakeTarget(handshake, true), { protocol: 'https', host: 'chat.example.org' });
  assert.deepEqual(handshakeTarget(handshake, false), { protocol: 'http', host: '10.0.0.5:8080' });
  assert.deepEqual(handshakeTarget({ ...handshake, secure: true }, false), { protocol: 'https', host: '10.0.0.5:8080' });
});

let relay: TestRelay;
before(async () => {
  relay = await startTestRelay();
});
after(async () => {
  await relay.stop();
});

const logout = (cookie: string, origin: string) =>
  fetch(`${relay.url}${API_PREFIX}/auth/logout`, { method: 'POST', headers: { cookie, origin, 'content-type': 'application/json' }, body: '{}' });

test('on the http relay an https page of the same host, or another port, is refused for the staff socket and sign-out', async () => {
  const { cookie } = await login(relay.url, 'owner@demo.clinic', relay.password);
  const port = new URL(relay.url).port;
  for (const origin of [relay.url.replace('http:', 'https:'), `http://127.0.0.1:${Number(port) + 1}`]) {
    await assert.rejects(connectStaffWithCookie(relay.url, cookie, origin), { message: 'CSRF_REJECTED' });
    assert.equal((await logout(cookie, origin)).status, 403);
  }
  const socket = await connectStaffWithCookie(relay.url, cookie, relay.url);
  socket.close();
  assert.equal((await logout(cookie, relay.url)).status, 204);
});
