import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { API_PREFIX } from '../../protocol/http.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';

const LIMIT = 3;
let relay: TestRelay;
before(async () => {
  // Behind a trusted proxy the client's address is X-Forwarded-For: each test plays its own addresses.
  relay = await startTestRelay({ env: { LOGIN_ATTEMPTS: String(LIMIT), TRUST_PROXY: 'true' } });
});
after(async () => {
  await relay.stop();
});

const signIn = (email: string, password: string, address: string) =>
  fetch(`${relay.url}${API_PREFIX}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email, password }),
  });

test('50 wrong passwords sent at once get at most the limit evaluated; the rest are refused before checking', async () => {
  const answers = await Promise.all(Array.from({ length: 50 }, () => signIn('doctor@demo.clinic', 'wrong-password', '10.1.0.1')));
  const statuses = answers.map((answer) => answer.status);
  assert.equal(statuses.filter((status) => status === 401).length, LIMIT);
  assert.equal(statuses.filter((status) => status === 429).length, 50 - LIMIT);
  const refused = answers.find((answer) => answer.status === 429)!;
  assert.equal((await refused.json()).code, 'RATE_LIMITED');
  assert.ok(Number(refused.headers.get('retry-after')) > 0);
});

test('a stranger elsewhere who spends an account’s attempts cannot lock the member out of their own address', async () => {
  for (let i = 0; i < LIMIT; i += 1) assert.equal((await signIn('admin@demo.clinic', 'wrong-password', '10.2.0.66')).status, 401);
  assert.equal((await signIn('admin@demo.clinic', relay.password, '10.2.0.66')).status, 429);
  assert.equal((await signIn('admin@demo.clinic', relay.password, '10.2.0.1')).status, 200);
});

test('a success starts the member’s count again', async () => {
  for (let i = 0; i < LIMIT - 1; i += 1) assert.equal((await signIn('owner@demo.clinic', 'wrong-password', '10.3.0.1')).status, 401);
  assert.equal((await signIn('owner@demo.clinic', relay.password, '10.3.0.1')).status, 200);
  for (let i = 0; i < LIMIT - 1; i += 1) assert.equal((await signIn('owner@demo.clinic', 'wrong-password', '10.3.0.1')).status, 401);
  assert.equal((await signIn('owner@demo.clinic', relay.password, '10.3.0.1')).status, 200);
});

test('one address guessing across many accounts is stopped at ten times the limit; other addresses are not', async () => {
  const accounts = Array.from({ length: 10 * LIMIT }, (_, i) => `guess-${i}@demo.clinic`);
  for (const email of accounts) assert.equal((await signIn(email, 'wrong-password', '10.4.0.66')).status, 401);
  assert.equal((await signIn('complaints@demo.clinic', relay.password, '10.4.0.66')).status, 429);
  assert.equal((await signIn('complaints@demo.clinic', relay.password, '10.4.0.1')).status, 200);
});
