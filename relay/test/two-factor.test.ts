import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generate } from 'otplib';
import { API_PREFIX, type Me, type RecoveryCodes, type TwoFactorSetup } from '../../protocol/http.ts';
import { relayForFile } from '../testing/file-fixtures.ts';
import { connectStaffWithCookie, login, ok } from '../testing/clients.ts';

const file = relayForFile();

const post = (path: string, body: unknown, cookie?: string) =>
  fetch(`${file.relay.url}${API_PREFIX}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

const signIn = (email: string, password: string, code?: string) => post('/auth/login', code === undefined ? { email, password } : { email, password, code });
const codeOf = async (response: Response) => ((await response.json()) as { code?: string }).code;
/** The TOTP code of the time step after the current one (the relay accepts one step either side). */
const nextStepCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

async function memberWithTwoFactor(email: string) {
  const owner = await file.open.staff('owner@demo.clinic');
  const { password } = await ok(owner, 'staff:add', { email, name: 'Two Factor', role: 'doctor' });
  const { cookie } = await login(file.relay.url, email, password);
  const setup = (await (await post('/auth/2fa/setup', {}, cookie)).json()) as TwoFactorSetup;
  assert.match(setup.uri, /^otpauth:\/\/totp\//);
  assert.equal((await post('/auth/2fa/enable', { code: '000000' }, cookie)).status, 401, 'a wrong first code enables nothing');
  const enabled = await post('/auth/2fa/enable', { code: await generate({ secret: setup.secret }) }, cookie);
  assert.equal(enabled.status, 200);
  const { recoveryCodes } = (await enabled.json()) as RecoveryCodes;
  assert.equal(recoveryCodes.length, 10);
  return { password, secret: setup.secret, recoveryCodes };
}

test('with 2FA on, the password alone asks for a code; a TOTP code signs in once, and a replayed or wrong one is refused', async () => {
  const email = 'totp@demo.clinic';
  const { password, secret } = await memberWithTwoFactor(email);

  const passwordOnly = await signIn(email, password);
  assert.equal(passwordOnly.status, 401);
  assert.equal(await codeOf(passwordOnly), 'TWO_FACTOR_REQUIRED');
  assert.equal(passwordOnly.headers.get('set-cookie'), null);
  assert.equal(await codeOf(await signIn(email, password, '123456')), 'AUTH_FAILED');
  assert.equal(await codeOf(await signIn(email, 'wrong password', await nextStepCode(secret))), 'AUTH_FAILED');

  const code = await nextStepCode(secret);
  const signedIn = await signIn(email, password, code);
  assert.equal(signedIn.status, 200);
  assert.deepEqual(((await signedIn.json()) as Me).twoFactor, { enabled: true, required: false });
  assert.equal(await codeOf(await signIn(email, password, code)), 'AUTH_FAILED', 'a code is accepted once');
});

test('a recovery code signs in instead of a TOTP code, once', async () => {
  const email = 'recovery@demo.clinic';
  const { password, recoveryCodes } = await memberWithTwoFactor(email);
  const [first] = recoveryCodes;
  // Typed by hand: upper case and without the dash still match.
  const signedIn = await signIn(email, password, first!.toUpperCase().replace('-', ''));
  assert.equal(signedIn.status, 200);
  assert.equal(await codeOf(await signIn(email, password, first!)), 'AUTH_FAILED', 'a recovery code is used up');
  assert.equal((await signIn(email, password, recoveryCodes[1]!)).status, 200);
});

test('when the owner requires 2FA, a member without it gets no staff socket until they set it up', async () => {
  const owner = await file.open.staff('owner@demo.clinic');
  const { password } = await ok(owner, 'staff:add', { email: 'no-2fa@demo.clinic', name: 'No Second Factor', role: 'doctor' });
  const { clinic } = await ok(owner, 'clinic:get', {});
  await ok(owner, 'clinic:update', { security: { ...clinic.security, requireTwoFactor: true } });
  try {
    const { cookie, me } = await login(file.relay.url, 'no-2fa@demo.clinic', password);
    assert.deepEqual(me.twoFactor, { enabled: false, required: true });
    await assert.rejects(connectStaffWithCookie(file.relay.url, cookie), { message: 'TWO_FACTOR_SETUP_REQUIRED' });
    const setup = (await (await post('/auth/2fa/setup', {}, cookie)).json()) as TwoFactorSetup;
    assert.equal((await post('/auth/2fa/enable', { code: await generate({ secret: setup.secret }) }, cookie)).status, 200);
    (await connectStaffWithCookie(file.relay.url, cookie)).close();
  } finally {
    await ok(owner, 'clinic:update', { security: { ...clinic.security, requireTwoFactor: false } });
  }
});
