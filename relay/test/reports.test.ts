/**
 * The head's report (issue 13 §4) from recorded events: a first reply's response time
 * (once per thread), resolution, complaints and the patient's answer, per staff member
 * and for the clinic; the same figures over the staff socket and GET /api/v1/reports
 * (head's session or API key); refusals with codes.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { streamIdTime } from '../../protocol/ids.ts';
import type { Report } from '../../protocol/reports.ts';
import { dayOf } from '../reports/report-keys.ts';
import { call, connectStaff, connectVisitor, login, ok, type StaffSocket } from '../testing/clients.ts';
import { startTestRelay, TEST_PASSWORD, type TestRelay } from '../testing/harness.ts';

let relay: TestRelay;
let admin: StaffSocket;
let head: StaffSocket;
const today = dayOf(Date.now());

before(async () => {
  relay = await startTestRelay();
  admin = await connectStaff(relay.url, 'admin@demo.clinic', TEST_PASSWORD);
  head = await connectStaff(relay.url, 'head@demo.clinic', TEST_PASSWORD);
});
after(async () => {
  admin.close();
  head.close();
  await relay.stop();
});

test('a first reply is recorded once with its response time, by whom; solving, a complaint and the patient’s answer count', async (t) => {
  const patient = await connectVisitor(relay.url);
  t.after(() => patient.socket.close());
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  const asked = await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: 'report-q-1' as never, text: 'Сколько стоит приём?' });
  const replied = await ok(admin, 'message:send', { threadId: thread.id, clientId: 'report-a-1' as never, text: 'Здравствуйте! 2000 ₽.' });
  await ok(admin, 'message:send', { threadId: thread.id, clientId: 'report-a-2' as never, text: 'Ждём вас.' });
  await ok(admin, 'thread:complaint', { threadId: thread.id, complaint: true });
  await ok(admin, 'thread:step', { threadId: thread.id, stepId: 'proposed' });
  await ok(patient.socket, 'thread:resolve', { threadId: thread.id, solved: true, rating: 4 });
  await ok(admin, 'thread:status', { threadId: thread.id, status: 'solved' });

  const report = await ok(head, 'reports:get', { from: today, to: today });
  const frt = replied.at - streamIdTime(asked.id);
  assert.equal(report.clinic.conversations, 1);
  assert.equal(report.clinic.firstResponseMedianMs, frt);
  assert.equal(report.clinic.firstResponseP90Ms, frt);
  assert.ok(report.clinic.resolutionMedianMs !== null && report.clinic.resolutionMedianMs >= frt);
  assert.deepEqual(
    [report.clinic.complaintsOpened, report.clinic.complaintsSolvedByPatient, report.clinic.solvedShare, report.clinic.ratings, report.clinic.ratingAverage],
    [1, 1, 1, 1, 4],
  );
  assert.deepEqual(report.clinic.threads, [thread.id]);
  const adminId = (await relay.stores.staff.findByEmail('admin@demo.clinic'))!.id;
  const mine = report.staff.find((row) => row.staff.id === adminId)!;
  assert.equal(mine.figures.firstResponseMedianMs, frt);
  assert.equal(mine.figures.conversations, 1, 'the second reply is not a first reply');
  assert.equal(report.staff.filter((row) => row.figures.conversations > 0).length, 1);
  assert.deepEqual(
    report.days.map((d) => [d.day, d.conversations, d.firstResponseMedianMs]),
    [[today, 1, frt]],
  );

  // The same figures over HTTP: the head's session, and an API key.
  const { cookie } = await login(relay.url, 'head@demo.clinic', TEST_PASSWORD);
  const bySession = await fetch(`${relay.url}/api/v1/reports?from=${today}&to=${today}`, { headers: { cookie } });
  assert.equal(bySession.status, 200);
  assert.deepEqual(await bySession.json(), report);
  const clinic = (await relay.stores.clinics.getBySiteKey('demo'))!;
  const { key } = await relay.stores.apiKeys.create(clinic.id);
  const byKey = await fetch(`${relay.url}/api/v1/reports?from=${today}&to=${today}`, { headers: { authorization: `Bearer ${key}` } });
  assert.deepEqual((await byKey.json()) as Report, report);
});

test('refusals: roles without reports, bad periods, no session or key', async () => {
  const doctor = await connectStaff(relay.url, 'doctor@demo.clinic', TEST_PASSWORD);
  try {
    assert.equal((await call(doctor, 'reports:get', { from: today, to: today })).error?.code, 'FORBIDDEN');
  } finally {
    doctor.close();
  }
  const cases: [Record<string, string>, string][] = [
    [{ from: '2026-02-30', to: '2026-03-01' }, '/from'],
    [{ from: '2026-03-02', to: '2026-03-01' }, '/to'],
    [{ from: '2024-01-01', to: '2026-01-01' }, '/to'],
    [{ from: 'yesterday', to: today }, '/from'],
  ];
  for (const [query, path] of cases) {
    const { error } = await call(head, 'reports:get', query as never);
    assert.deepEqual([error?.code, error?.data?.path], ['BAD_REQUEST', path], JSON.stringify(query));
  }
  assert.equal((await fetch(`${relay.url}/api/v1/reports?from=${today}&to=${today}`)).status, 401);
  const wrongKey = await fetch(`${relay.url}/api/v1/reports?from=${today}&to=${today}`, { headers: { authorization: 'Bearer cck_nope' } });
  assert.equal(((await wrongKey.json()) as { code: string }).code, 'API_KEY_INVALID');
});
