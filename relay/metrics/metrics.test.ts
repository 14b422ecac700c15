/**
 * `GET /metrics` (issue 14 §3): behind METRICS_TOKEN, every family the operator's
 * dashboard reads is there after real traffic (sockets, messages, an error, a notice sent
 * through the local mail catcher), and no label value carries what a patient typed or who
 * they are.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { newClientMessageId } from '../../protocol/ids.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { call, connectStaff, connectVisitor, ok } from '../testing/clients.ts';

const TOKEN = 'metrics-token-0123456789';
const PATIENT_TEXT = 'Болит колено после бега, Мария';
const PATIENT_NAME = 'Мария Иванова';
const PATIENT_EMAIL = 'maria.metrics@example.org';
const PATIENT_PHONE = '+79991234567';

let relay: TestRelay;

before(async () => {
  relay = await startTestRelay({ env: { METRICS_TOKEN: TOKEN, NOTIFY_STAFF_AFTER_SECONDS: '1' } });
});
after(() => relay.stop());

const scrape = (authorization?: string) => fetch(`${relay.url}/metrics`, { headers: authorization ? { authorization } : {} });

/** Every `name{labels} value` line, parsed into the name and its label values. */
function samples(text: string): { name: string; labels: Record<string, string> }[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? /)!;
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
      return { name: match[1]!, labels };
    });
}

test('without the bearer token /metrics answers 401; with it, Prometheus text', async () => {
  assert.equal((await scrape()).status, 401);
  assert.equal((await scrape('Bearer wrong-token-0123456789')).status, 401);
  assert.equal((await scrape(`Basic ${TOKEN}`)).status, 401);
  const response = await scrape(`Bearer ${TOKEN}`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
});

test('after real traffic every family is there, and no label value holds patient text, name, e-mail or phone', async (t) => {
  const staff = await connectStaff(relay.url, 'admin@demo.clinic', relay.password);
  t.after(() => staff.close());
  const patient = await connectVisitor(relay.url);
  t.after(() => patient.socket.close());
  await ok(patient.socket, 'visitor:identify', { name: PATIENT_NAME, email: PATIENT_EMAIL, phone: PATIENT_PHONE });
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  const alerted = new Promise<void>((resolve) =>
    relay.notices.on('outcome', (kind, threadId, outcome) => {
      if (kind === 'staff-alert' && threadId === thread.id && outcome === 'sent') resolve();
    }),
  );
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: PATIENT_TEXT });
  // An event no table knows, named after the patient: its name must not become a label.
  const unknown = await call(patient.socket, PATIENT_EMAIL as 'typing', { threadId: thread.id, typing: true });
  assert.equal(unknown.error?.code, 'UNKNOWN_EVENT');
  await alerted;

  const text = await (await scrape(`Bearer ${TOKEN}`)).text();
  const all = samples(text);
  const find = (name: string, labels: Record<string, string> = {}) =>
    all.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

  assert.ok(find('clinic_chat_connections', { namespace: 'visitor' }).length === 1);
  assert.match(text, /clinic_chat_connections\{namespace="staff"\} [1-9]/);
  assert.ok(find('clinic_chat_events_total', { event: 'message:send', outcome: 'ok', code: '' }).length === 1);
  assert.ok(find('clinic_chat_events_total', { event: 'unknown', outcome: 'error', code: 'UNKNOWN_EVENT' }).length === 1);
  assert.ok(find('clinic_chat_ack_duration_seconds_bucket', { event: 'message:send' }).length > 0);
  assert.ok(find('clinic_chat_fanout_duration_seconds_count', { kind: 'message' }).length === 1);
  assert.ok(find('clinic_chat_redis_command_duration_seconds_count', { command: 'evalsha' }).length === 1);
  assert.match(text, /# TYPE clinic_chat_redis_command_errors_total counter/);
  assert.ok(find('clinic_chat_queue_jobs', { queue: 'notifications', state: 'delayed' }).length === 1);
  assert.ok(find('clinic_chat_queue_jobs', { queue: 'webhooks', state: 'waiting' }).length === 1);
  assert.ok(find('clinic_chat_queue_job_outcomes_total', { queue: 'notifications', outcome: 'sent' }).length === 1);
  assert.ok(find('clinic_chat_notification_sends_total', { channel: 'email', outcome: 'sent' }).length === 1);
  assert.ok(find('process_cpu_seconds_total').length === 1);
  assert.ok(find('nodejs_eventloop_lag_seconds').length === 1);

  const labelValues = all.flatMap((s) => Object.values(s.labels)).join('\n');
  for (const forbidden of [PATIENT_TEXT, 'колено', PATIENT_NAME, 'Мария', PATIENT_EMAIL, 'maria', PATIENT_PHONE, '79991234567', thread.id, patient.token]) {
    assert.ok(!labelValues.includes(forbidden), `a label value contains "${forbidden}"`);
  }
});

test('every metric the sample Grafana dashboard queries is one the relay exports', async () => {
  const dashboard = readFileSync(new URL('../../deploy/grafana/clinic-chat-dashboard.json', import.meta.url), 'utf8');
  const queried = [...new Set(dashboard.match(/\b(?:clinic_chat|process|nodejs)_\w+/g))];
  assert.ok(queried.length >= 10);
  const text = await (await scrape(`Bearer ${TOKEN}`)).text();
  // A family is declared by its TYPE line even before its first sample; histograms add _bucket, _sum, _count.
  const families = [...text.matchAll(/^# TYPE (\w+) (\w+)$/gm)].flatMap(([, name, type]) =>
    type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name!],
  );
  assert.deepEqual(
    queried.filter((name) => !families.includes(name)),
    [],
  );
});
