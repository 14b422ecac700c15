import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_PREFIX } from '../../protocol/http.ts';
import { relayForFile } from '../testing/file-fixtures.ts';
import { connectStaffWithCookie, login, nextEvent, ok, type StaffSocket } from '../testing/clients.ts';

const file = relayForFile();

const me = (cookie: string) => fetch(`${file.relay.url}${API_PREFIX}/auth/me`, { headers: { cookie } });

/** A new colleague signed in from two browsers, each with a socket file.open. */
async function colleagueOnTwoDevices(email: string) {
  const owner = await file.open.staff('owner@demo.clinic');
  const { member, password } = await ok(owner, 'staff:add', { email, name: 'Colleague', role: 'doctor' });
  const cookies = [(await login(file.relay.url, email, password)).cookie, (await login(file.relay.url, email, password)).cookie];
  const sockets: StaffSocket[] = [];
  for (const cookie of cookies) sockets.push(await connectStaffWithCookie(file.relay.url, cookie));
  return { owner, member, password, cookies, sockets };
}

const endReasons = (sockets: StaffSocket[]) => Promise.all(sockets.map(async (socket) => (await nextEvent<{ reason: string }>(socket, 'session:end')).reason));

async function assertSignedOut(cookies: string[]) {
  for (const cookie of cookies) {
    assert.equal((await me(cookie)).status, 401);
    await assert.rejects(connectStaffWithCookie(file.relay.url, cookie), { message: 'AUTH_REQUIRED' });
  }
}

test('a password reset ends every session and socket of the member at once; the new password signs in', async () => {
  const { owner, member, cookies, sockets } = await colleagueOnTwoDevices('reset-me@demo.clinic');
  const ended = endReasons(sockets);
  const { password } = await ok(owner, 'staff:reset-password', { staffId: member.id });
  assert.deepEqual(await ended, ['password-reset', 'password-reset']);
  await assertSignedOut(cookies);
  const fresh = await login(file.relay.url, 'reset-me@demo.clinic', password);
  assert.equal((await me(fresh.cookie)).status, 200);
});

test('a deactivation ends every session, and a reactivation does not revive the old cookies', async () => {
  const { owner, member, password, cookies, sockets } = await colleagueOnTwoDevices('deactivate-me@demo.clinic');
  const ended = endReasons(sockets);
  await ok(owner, 'staff:update', { staffId: member.id, active: false });
  assert.deepEqual(await ended, ['deactivated', 'deactivated']);
  await ok(owner, 'staff:update', { staffId: member.id, active: true });
  await assertSignedOut(cookies);
  assert.equal((await me((await login(file.relay.url, 'deactivate-me@demo.clinic', password)).cookie)).status, 200);
});

test('a role change ends every socket, and the same session then answers with the new role', async () => {
  const { owner, member, cookies, sockets } = await colleagueOnTwoDevices('promote-me@demo.clinic');
  const ended = endReasons(sockets);
  await ok(owner, 'staff:update', { staffId: member.id, role: 'admin' });
  assert.deepEqual(await ended, ['role-changed', 'role-changed']);
  for (const cookie of cookies) {
    assert.equal((await (await me(cookie)).json()).staff.role, 'admin');
    (await connectStaffWithCookie(file.relay.url, cookie)).close();
  }
});

test('signing out one device leaves the member’s other session working', async () => {
  const { cookies, sockets } = await colleagueOnTwoDevices('two-devices@demo.clinic');
  const ended = nextEvent<{ reason: string }>(sockets[0]!, 'session:end');
  const out = await fetch(`${file.relay.url}${API_PREFIX}/auth/logout`, {
    method: 'POST',
    headers: { 'cookie': cookies[0]!, 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(out.status, 204);
  assert.equal((await ended).reason, 'signed-out');
  assert.equal((await me(cookies[0]!)).status, 401);
  assert.equal((await me(cookies[1]!)).status, 200);
  assert.ok(sockets[1]!.connected);
  sockets[1]!.close();
});

test('an owner resetting their own password keeps the session they did it from and learns the new one; their other sessions end', async () => {
  const { member, password, cookies } = await colleagueOnTwoDevices('co-owner@demo.clinic');
  const owner = await file.open.staff('owner@demo.clinic');
  await ok(owner, 'staff:update', { staffId: member.id, role: 'owner' });
  // The role change ended both sockets; the sessions go on.
  const [here, elsewhere] = [await connectStaffWithCookie(file.relay.url, cookies[0]!), await connectStaffWithCookie(file.relay.url, cookies[1]!)];
  const ended = endReasons([elsewhere]);
  const reset = await ok(here, 'staff:reset-password', { staffId: member.id });
  assert.deepEqual(await ended, ['password-reset']);
  assert.notEqual(reset.password, password);
  assert.ok(here.connected);
  assert.equal((await me(cookies[0]!)).status, 200);
  await assertSignedOut([cookies[1]!]);
  assert.equal((await me((await login(file.relay.url, 'co-owner@demo.clinic', reset.password)).cookie)).status, 200);
  here.close();
});
