import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { API_PREFIX } from '../../protocol/http.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { connectStaffWithCookie, login, nextEvent } from '../testing/clients.ts';

let relay: TestRelay;
before(async () => {
  relay = await startTestRelay({ env: { LOGIN_ATTEMPTS: '3' } });
});
after(async () => {
  await relay.stop();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${relay.url}${API_PREFIX}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

test('a wrong password and an unknown email get the same answer, which names neither', async () => {
  const wrongPassword = await post('/auth/login', { email: 'owner@demo.clinic', password: 'not-the-password' });
  const unknownEmail = await post('/auth/login', { email: 'nobody@demo.clinic', password: relay.password });
  assert.equal(wrongPassword.status, 401);
  assert.equal(unknownEmail.status, 401);
  const [a, b] = [await wrongPassword.json(), await unknownEmail.json()];
  assert.deepEqual(a, b);
  assert.equal(a.code, 'AUTH_FAILED');
  assert.equal(wrongPassword.headers.get('set-cookie'), null);
});

test('a session cookie is HttpOnly and SameSite, and /auth/me answers who is signed in', async () => {
  const response = await post('/auth/login', { email: 'Admin@Demo.Clinic ', password: relay.password });
  assert.equal(response.status, 200);
  const cookie = response.headers.get('set-cookie') ?? '';
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const me = await fetch(`${relay.url}${API_PREFIX}/auth/me`, { headers: { cookie: cookie.split(';')[0]! } });
  assert.equal((await me.json()).staff.role, 'admin');
});

test('repeated failures for one account are refused with RATE_LIMITED, even with the right password', async () => {
  for (let i = 0; i < 3; i += 1) assert.equal((await post('/auth/login', { email: 'complaints@demo.clinic', password: 'wrong-password' })).status, 401);
  const blocked = await post('/auth/login', { email: 'complaints@demo.clinic', password: relay.password });
  assert.equal(blocked.status, 429);
  assert.equal((await blocked.json()).code, 'RATE_LIMITED');
});

test('requests that are not same-origin JSON are refused as CSRF', async () => {
  const form = await fetch(`${relay.url}${API_PREFIX}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'email=a&password=b',
  });
  assert.equal(form.status, 403);
  assert.equal((await form.json()).code, 'CSRF_REJECTED');
  const crossSite = await post('/auth/login', { email: 'owner@demo.clinic', password: relay.password }, { origin: 'https://evil.example' });
  assert.equal(crossSite.status, 403);
  const { cookie } = await login(relay.url, 'owner@demo.clinic', relay.password);
  await assert.rejects(connectStaffWithCookie(relay.url, cookie, 'https://evil.example'), { message: 'CSRF_REJECTED' });
});

test('the staff namespace refuses a handshake without a live session', async () => {
  await assert.rejects(connectStaffWithCookie(relay.url, 'cc_staff=forged'), { message: 'AUTH_REQUIRED' });
  await assert.rejects(connectStaffWithCookie(relay.url, ''), { message: 'AUTH_REQUIRED' });
});

test('signing out ends the session on the server and disconnects its sockets', async () => {
  const { cookie } = await login(relay.url, 'owner@demo.clinic', relay.password);
  const socket = await connectStaffWithCookie(relay.url, cookie);
  const ended = nextEvent<{ reason: string }>(socket, 'session:end');
  const out = await fetch(`${relay.url}${API_PREFIX}/auth/logout`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
  assert.equal(out.status, 204);
  assert.equal((await ended).reason, 'signed-out');
  const me = await fetch(`${relay.url}${API_PREFIX}/auth/me`, { headers: { cookie } });
  assert.equal(me.status, 401);
  await assert.rejects(connectStaffWithCookie(relay.url, cookie), { message: 'AUTH_REQUIRED' });
});

test('a session expires: its socket is told and closed, and the cookie stops working', async () => {
  const short = await startTestRelay({ env: { SESSION_TTL_SECONDS: '1' } });
  try {
    const { cookie } = await login(short.url, 'admin@demo.clinic', short.password);
    const socket = await connectStaffWithCookie(short.url, cookie);
    const ended = await nextEvent<{ reason: string }>(socket, 'session:end');
    assert.equal(ended.reason, 'expired');
    const me = await fetch(`${short.url}${API_PREFIX}/auth/me`, { headers: { cookie } });
    assert.equal(me.status, 401);
    socket.close();
  } finally {
    await short.stop();
  }
});
