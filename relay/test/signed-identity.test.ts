import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_PREFIX } from '../../protocol/http.ts';
import { relayForFile } from '../testing/file-fixtures.ts';
import { call, login, ok } from '../testing/clients.ts';
import { signPatientId } from '../store/identity-secret-store.ts';

const file = relayForFile();

async function identitySecret(email = 'owner@demo.clinic'): Promise<Response> {
  const { cookie } = await login(file.relay.url, email, file.relay.password);
  return fetch(`${file.relay.url}${API_PREFIX}/clinic/identity-secret`, { headers: { cookie } });
}

async function profileOf(patient: Awaited<ReturnType<typeof file.open.patient>>) {
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  return (await ok(await file.open.staff('admin@demo.clinic'), 'patient:get', { threadId: thread.id })).patient;
}

test('a patient id signed with the clinic’s secret marks the patient verified; unsigned details stay unverified', async () => {
  const response = await identitySecret();
  assert.equal(response.status, 200);
  const { secret } = (await response.json()) as { secret: string };
  assert.equal(((await (await identitySecret()).json()) as { secret: string }).secret, secret, 'the secret is made once');

  const signed = await file.open.patient();
  await ok(signed.socket, 'visitor:identify', { name: 'Signed Patient', patientId: 'crm-42', signature: signPatientId(secret, 'crm-42') });
  assert.equal((await profileOf(signed)).verifiedId, 'crm-42');

  const unsigned = await file.open.patient();
  await ok(unsigned.socket, 'visitor:identify', { name: 'Says Who' });
  const profile = await profileOf(unsigned);
  assert.equal(profile.name, 'Says Who');
  assert.equal(profile.verifiedId, null);
});

test('a wrong signature, or an id without one, is refused and stores nothing', async () => {
  const patient = await file.open.patient();
  const forged = await call(patient.socket, 'visitor:identify', { name: 'Forger', patientId: 'crm-42', signature: '0'.repeat(64) });
  assert.equal(forged.error?.code, 'BAD_REQUEST');
  assert.equal(forged.error?.data?.path, '/signature');
  assert.equal((await call(patient.socket, 'visitor:identify', { patientId: 'crm-42' })).error?.code, 'BAD_REQUEST');
  const profile = await profileOf(patient);
  assert.equal(profile.name, null);
  assert.equal(profile.verifiedId, null);
});

test('only the owner reads the identity secret', async () => {
  assert.equal((await identitySecret('admin@demo.clinic')).status, 403);
});
