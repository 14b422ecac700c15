import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AccessLogPage } from '../../protocol/access-log.ts';
import { API_PREFIX } from '../../protocol/http.ts';
import { newClientMessageId as clientId } from '../../protocol/ids.ts';
import { relayForFile } from '../testing/file-fixtures.ts';
import { login, ok } from '../testing/clients.ts';

const file = relayForFile();

async function readLog(email: string, query: Record<string, string> = {}): Promise<Response> {
  const { cookie } = await login(file.relay.url, email, file.relay.password);
  return fetch(`${file.relay.url}${API_PREFIX}/access-log?${new URLSearchParams(query)}`, { headers: { cookie } });
}

async function conversation() {
  const patient = await file.open.patient();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Мне нужна справка' });
  const owner = await file.open.staff('owner@demo.clinic');
  const visitorId = (await ok(owner, 'thread:get', { threadId: thread.id })).thread.patient.id;
  return { thread, visitorId, clinicId: owner.me.clinic.id };
}

test('every staff read of patient data appears in the access log: thread open, history page, patient profile', async () => {
  const { thread, visitorId } = await conversation();
  const head = await file.open.staff('head@demo.clinic');
  await ok(head, 'thread:get', { threadId: thread.id });
  await ok(head, 'message:history', { threadId: thread.id });
  await ok(head, 'patient:get', { threadId: thread.id });

  const response = await readLog('owner@demo.clinic', { staffId: head.me.staff.id });
  assert.equal(response.status, 200);
  const { entries } = (await response.json()) as AccessLogPage;
  assert.deepEqual(
    entries.map((e) => [e.action, e.staffId, e.visitorId, e.threadId, e.erased]),
    [
      ['profile', head.me.staff.id, visitorId, thread.id, false],
      ['history', head.me.staff.id, visitorId, thread.id, false],
      ['open', head.me.staff.id, visitorId, thread.id, false],
    ],
  );
});

test('the log filters by action and patient, pages with a cursor, and exports CSV', async () => {
  const { thread, visitorId } = await conversation();
  const admin = await file.open.staff('admin@demo.clinic');
  for (let i = 0; i < 3; i++) await ok(admin, 'message:history', { threadId: thread.id });

  const first = (await (await readLog('head@demo.clinic', { visitorId, action: 'history', limit: '2' })).json()) as AccessLogPage;
  assert.equal(first.entries.length, 2);
  assert.ok(first.next);
  const second = (await (await readLog('head@demo.clinic', { visitorId, action: 'history', limit: '2', before: first.next })).json()) as AccessLogPage;
  assert.equal(second.entries.length, 1);
  assert.ok([...first.entries, ...second.entries].every((e) => e.action === 'history' && e.visitorId === visitorId));

  const csv = await readLog('owner@demo.clinic', { visitorId, format: 'csv' });
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  const lines = (await csv.text()).trim().split('\r\n');
  assert.equal(lines[0], 'id,at,action,staffId,visitorId,threadId,erased');
  assert.ok(lines.slice(1).every((line) => line.includes(`"${visitorId}"`)));
  assert.ok(lines.some((line) => line.includes('"open"')));
});

test('only the owner and the head read the log; a bad filter is refused with its code', async () => {
  assert.equal((await readLog('doctor@demo.clinic')).status, 403);
  assert.equal((await readLog('admin@demo.clinic')).status, 403);
  assert.equal((await fetch(`${file.relay.url}${API_PREFIX}/access-log`)).status, 401);
  const bad = await readLog('owner@demo.clinic', { action: 'peek' });
  assert.equal(bad.status, 400);
});

test('forgetting a patient keeps their entries, marked erased, without their ids', async () => {
  const { thread, visitorId, clinicId } = await conversation();
  await file.relay.stores.accessLog.forget(clinicId, [visitorId, thread.id]);
  const { entries } = await file.relay.stores.accessLog.list(clinicId, { action: 'open' });
  assert.ok(entries.some((e) => e.erased && e.visitorId === null && e.threadId === null));
  assert.ok(!entries.some((e) => e.visitorId === visitorId || e.threadId === thread.id));
});

test('a search hit and an export are reads too: each appears in the access log', async () => {
  const { thread, visitorId } = await conversation();
  const owner = await file.open.staff('owner@demo.clinic');
  const { hits } = await ok(owner, 'inbox:search', { query: 'справка' });
  assert.ok(hits.some((hit) => hit.thread.id === thread.id));
  const { cookie } = await login(file.relay.url, 'owner@demo.clinic', file.relay.password);
  assert.equal((await fetch(`${file.relay.url}${API_PREFIX}/patients/${visitorId}/export`, { headers: { cookie } })).status, 200);

  const { entries } = (await (await readLog('owner@demo.clinic', { visitorId })).json()) as AccessLogPage;
  const mine = entries.filter((e) => e.staffId === owner.me.staff.id).map((e) => [e.action, e.threadId]);
  assert.deepEqual(mine.slice(0, 2), [
    ['export', null],
    ['search-hit', thread.id],
  ]);
});
