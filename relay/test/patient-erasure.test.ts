import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { API_PREFIX } from '../../protocol/http.ts';
import { newClientMessageId as clientId } from '../../protocol/ids.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { connectVisitor, login, ok, trackConnections } from '../testing/clients.ts';
import type { PatientExport } from '../privacy/patient-export.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filesUnder, photoWithGps, uploadFile } from '../testing/attachment-files.ts';
import { signedPatient } from '../testing/signed-patient.ts';
import { assertNoneLeft, everythingInRedis } from '../testing/redis-text.ts';

let relay: TestRelay;
let redis: Redis;
const dataDir = mkdtempSync(join(tmpdir(), 'clinic-chat-erasure-'));
const open = trackConnections(() => relay);
before(async () => {
  // The streams adapter keeps every broadcast (message text included) in its own stream.
  relay = await startTestRelay({ env: { RELAY_ADAPTER: 'redis-streams', DATA_DIR: dataDir } });
  redis = new Redis(relay.redis.url);
});
after(async () => {
  open.closeAll();
  redis.disconnect();
  await relay.stop();
});

async function ownerFetch(path: string, init: RequestInit = {}) {
  const { cookie } = await login(relay.url, 'owner@demo.clinic', relay.password);
  return fetch(`${relay.url}${API_PREFIX}${path}`, { ...init, headers: { cookie, 'content-type': 'application/json', ...init.headers } });
}

test('after erasure no Redis key or value holds the patient’s text, contacts or ids; the export had them all; another patient is untouched', async () => {
  const patient = await open.patient();
  const secret = `Мой диагноз ${clientId()}`;
  await ok(patient.socket, 'visitor:identify', { name: 'Зинаида Эрасова', email: 'zinaida.erase@example.org' });
  await ok(patient.socket, 'visitor:contact', { email: 'zinaida.notify@example.org', phone: '+7 912 345-67-89', consent: true });
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: secret });
  const photo = await uploadFile(relay.url, { threadId: thread.id, body: await photoWithGps(), token: patient.token, name: 'rash.jpg' });
  assert.equal(photo.status, 201);
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: '', attachments: [photo.body.attachment.id] });
  const threadFiles = join(dataDir, 'attachments', thread.id);
  assert.ok(filesUnder(threadFiles).length > 0, 'the photo was stored');
  const doctorThread = (await ok(patient.socket, 'thread:open', { kind: 'doctor', doctorId: patient.session.clinic.doctors[0]!.id })).thread;
  await ok(patient.socket, 'message:send', { threadId: doctorThread.id, clientId: clientId(), text: `${secret} (врачу)` });

  const admin = await open.staff('admin@demo.clinic');
  await ok(admin, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Reply that schedules a patient notice' });
  await ok(admin, 'patient:get', { threadId: thread.id });
  const sent = once(relay.notices, 'outcome');
  await ok(admin, 'patient:send-link', { threadId: thread.id });
  await sent;
  const visitorId = (await ok(admin, 'thread:get', { threadId: thread.id })).thread.patient.id;

  const other = await open.patient();
  const otherThread = (await ok(other.socket, 'thread:open', { kind: 'general' })).thread;
  await ok(other.socket, 'message:send', { threadId: otherThread.id, clientId: clientId(), text: 'I stay' });

  const exported = await ownerFetch(`/patients/${visitorId}/export`);
  assert.equal(exported.status, 200);
  const data = (await exported.json()) as PatientExport;
  assert.equal(data.patient.email, 'zinaida.erase@example.org');
  assert.equal(data.contact?.phone, '+79123456789');
  assert.deepEqual(data.threads.map((t) => t.id).sort(), [thread.id, doctorThread.id].sort());
  assert.ok(data.threads.some((t) => t.messages.some((m) => m.type === 'text' && m.text === secret)));
  const html = await (await ownerFetch(`/patients/${visitorId}/export?format=html`)).text();
  assert.ok(html.includes('Зинаида Эрасова') && html.includes(secret) && !html.includes('<script'));

  const needles = [visitorId, thread.id, doctorThread.id, secret, 'zinaida', 'Зинаида', '9123456789', patient.token];
  const before = await everythingInRedis(redis);
  for (const needle of needles.slice(0, 4)) assert.ok(before.includes(needle), `${needle} was stored before`);

  const ended = new Promise((resolve) => patient.socket.once('disconnect', resolve));
  const erased = await ownerFetch(`/patients/${visitorId}/erase`, { method: 'POST', body: '{}' });
  assert.equal(erased.status, 204);
  await ended;

  const after = await everythingInRedis(redis);
  assertNoneLeft(after, needles);
  assert.ok(after.includes(otherThread.id) && after.includes('I stay'), 'another patient is untouched');
  assert.deepEqual(filesUnder(threadFiles), [], 'the patient’s files are erased');

  // The token no longer opens anything; the log keeps that an erasure happened.
  await assert.rejects(connectVisitor(relay.url, { token: patient.token }), { message: 'TOKEN_INVALID' });
  const log = (await (await ownerFetch('/access-log?action=erase')).json()) as { entries: { staffId: string; visitorId: null }[] };
  assert.equal(log.entries.length, 1);
  assert.equal(log.entries[0]!.visitorId, null);
  assert.equal((await ownerFetch(`/patients/${visitorId}/export`)).status, 404);
});

test('erasing a verified patient whose two devices were merged leaves no key of either device, nor the patient id in the merge index', async () => {
  const signed = await signedPatient(relay, 'crm-erase-77');
  const laptop = await open.patient();
  const laptopThread = (await ok(laptop.socket, 'thread:open', { kind: 'general' })).thread;
  await ok(laptop.socket, 'visitor:identify', { name: 'Ефросинья Двуприборова', ...signed });
  const phone = await open.patient();
  const phoneThread = (await ok(phone.socket, 'thread:open', { kind: 'general' })).thread;
  await ok(phone.socket, 'message:send', { threadId: phoneThread.id, clientId: clientId(), text: 'Секрет с телефона' });
  await ok(phone.socket, 'visitor:contact', { email: 'irina.phone@example.org', consent: true });
  const admin = await open.staff('admin@demo.clinic');
  const phoneVisitorId = (await ok(admin, 'thread:get', { threadId: phoneThread.id })).thread.patient.id;
  // A resume link staff sent for the phone before it joined names its visitor.
  const sent = once(relay.notices, 'outcome');
  await ok(admin, 'patient:send-link', { threadId: phoneThread.id });
  await sent;
  const { token } = await ok(phone.socket, 'visitor:identify', signed);
  assert.ok(token, 'the phone joined the laptop’s history');
  const visitorId = (await ok(admin, 'thread:get', { threadId: phoneThread.id })).thread.patient.id;
  assert.equal((await ok(admin, 'thread:get', { threadId: laptopThread.id })).thread.patient.id, visitorId);

  const needles = [
    'crm-erase-77',
    visitorId,
    phoneVisitorId,
    laptopThread.id,
    phoneThread.id,
    'Секрет с телефона',
    'irina.phone',
    'Двуприборова',
    token,
    phone.token,
  ];
  const before = await everythingInRedis(redis);
  for (const needle of needles.slice(0, 5)) assert.ok(before.includes(needle), `${needle} was stored before`);
  assert.equal((await ownerFetch(`/patients/${visitorId}/erase`, { method: 'POST', body: '{}' })).status, 204);
  const after = await everythingInRedis(redis);
  assertNoneLeft(after, needles);
});

test('only the owner exports or erases, and only patients of their clinic', async () => {
  const patient = await open.patient();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  const visitorId = (await ok(await open.staff('admin@demo.clinic'), 'thread:get', { threadId: thread.id })).thread.patient.id;
  const { cookie } = await login(relay.url, 'admin@demo.clinic', relay.password);
  assert.equal((await fetch(`${relay.url}${API_PREFIX}/patients/${visitorId}/export`, { headers: { cookie } })).status, 403);
  const erase = await fetch(`${relay.url}${API_PREFIX}/patients/${visitorId}/erase`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(erase.status, 403);
  assert.equal((await ownerFetch('/patients/AAAAAAAAAAAAAAAAAAAAAA/erase', { method: 'POST', body: '{}' })).status, 404);
  assert.equal((await ownerFetch('/patients/not-an-id/export')).status, 400);
});
