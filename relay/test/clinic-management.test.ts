import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relayForFile } from '../testing/file-fixtures.ts';
import { call, connectStaffWithCookie, connectVisitor, login, nextEvent, ok } from '../testing/clients.ts';

const file = relayForFile();

test('the owner adds a colleague, who signs in with the generated password; others cannot manage staff', async () => {
  const owner = await file.open.staff('owner@demo.clinic');
  const { member, password } = await ok(owner, 'staff:add', { email: 'Nurse@Demo.Clinic', name: 'Медсестра Оля', role: 'admin' });
  assert.equal(member.email, 'nurse@demo.clinic');
  assert.equal((await login(file.relay.url, 'nurse@demo.clinic', password)).me.staff.role, 'admin');
  assert.equal((await call(owner, 'staff:add', { email: 'nurse@demo.clinic', name: 'Dup', role: 'admin' })).error?.code, 'BAD_REQUEST');

  const admin = await file.open.staff('admin@demo.clinic');
  assert.equal((await call(admin, 'staff:add', { email: 'x@demo.clinic', name: 'X', role: 'owner' })).error?.code, 'FORBIDDEN');
  assert.equal((await call(admin, 'staff:update', { staffId: member.id, role: 'owner' })).error?.code, 'FORBIDDEN');
  assert.equal((await call(admin, 'clinic:update', { name: 'Hijacked' })).error?.code, 'FORBIDDEN');
  assert.equal((await call(admin, 'staff:list', { all: true })).error?.code, 'FORBIDDEN');
});

test('a deactivated colleague is signed out at once and cannot sign in; a reset password replaces the old one', async () => {
  const owner = await file.open.staff('owner@demo.clinic');
  const { member, password } = await ok(owner, 'staff:add', { email: 'temp@demo.clinic', name: 'Temp', role: 'doctor' });
  const { cookie } = await login(file.relay.url, 'temp@demo.clinic', password);
  const socket = await connectStaffWithCookie(file.relay.url, cookie);
  const ended = nextEvent<{ reason: string }>(socket, 'session:end');
  await ok(owner, 'staff:update', { staffId: member.id, active: false });
  assert.equal((await ended).reason, 'deactivated');
  await assert.rejects(login(file.relay.url, 'temp@demo.clinic', password));
  await assert.rejects(connectStaffWithCookie(file.relay.url, cookie), { message: 'AUTH_REQUIRED' });
  assert.ok((await ok(owner, 'staff:list', { all: true })).staff.some((s) => s.id === member.id && !s.active));
  assert.ok(!(await ok(owner, 'staff:list', {})).staff.some((s) => s.id === member.id));

  await ok(owner, 'staff:update', { staffId: member.id, active: true });
  const reset = await ok(owner, 'staff:reset-password', { staffId: member.id });
  await assert.rejects(login(file.relay.url, 'temp@demo.clinic', password));
  assert.equal((await login(file.relay.url, 'temp@demo.clinic', reset.password)).me.staff.id, member.id);
});

test('the owner cannot demote or deactivate themselves', async () => {
  const owner = await file.open.staff('owner@demo.clinic');
  const self = owner.me.staff.id;
  assert.equal((await call(owner, 'staff:update', { staffId: self, active: false })).error?.code, 'BAD_REQUEST');
  assert.equal((await call(owner, 'staff:update', { staffId: self, role: 'admin' })).error?.code, 'BAD_REQUEST');
});

test('clinic settings the owner changes reach new patient connections; bad values are refused and change nothing', async () => {
  const owner = await file.open.staff('owner@demo.clinic');
  const before = (await ok(owner, 'clinic:get', {})).clinic;
  assert.equal(before.siteKey, 'demo');
  for (const bad of [
    { origins: [] },
    { origins: ['https://x.example/path'] },
    { bookingUrl: 'javascript:alert(1)' },
    { locale: 'de' },
    { siteKey: 'stolen' },
  ]) {
    assert.equal((await call(owner, 'clinic:update', bad as never)).error?.code, 'BAD_REQUEST', JSON.stringify(bad));
  }
  assert.deepEqual((await ok(owner, 'clinic:get', {})).clinic, before);

  const { clinic } = await ok(owner, 'clinic:update', {
    greeting: 'Добрый день!',
    officeHours: 'Пн–Пт 9–18',
    origins: [...before.origins, 'https://zdorovie.example'],
  });
  assert.equal(clinic.greeting, 'Добрый день!');
  assert.ok(clinic.origins.includes('https://zdorovie.example'));
  const patient = await connectVisitor(file.relay.url, { origin: 'https://zdorovie.example' });
  assert.equal(patient.session.clinic.officeHours, 'Пн–Пт 9–18');
  assert.equal(patient.session.clinic.greeting, 'Добрый день!');
  patient.socket.close();
});
