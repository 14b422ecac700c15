/**
 * Notices out of the page, end to end (issue 8 b, d, f): a real relay with second-long
 * delays sends through a real SMTP server and a real signed-HTTP SMS receiver; the relay
 * logs at trace level into a sink that is searched for the patient's words at the end.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { newClientMessageId, type ThreadId } from '../../protocol/ids.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { seedDemo } from '../demo-seed.ts';
import { startRelay, type Relay } from '../relay-server.ts';
import { jobId, QUEUE_NAME, type NotifyKind, type NotifyOutcome } from '../notify/notification-queue.ts';
import { notifyKeys } from '../notify/notify-keys.ts';
import { startTestRedis, TEST_PASSWORD, logSink } from '../testing/harness.ts';
import { startNoticeSink, type NoticeSink } from '../testing/notice-sink.ts';
import { call, connectStaff, connectVisitor, nextEvent, ok, type StaffSocket } from '../testing/clients.ts';
import type { StaffThread } from '../../protocol/model.ts';

const SECRET = 'У меня болит живот после антибиотиков';
const REPLY = 'Пейте больше воды и приходите завтра в 10';
const PATIENT_EMAIL = 'maria.patient@example.org';

interface Setup {
  relay: Relay;
  sink: NoticeSink;
  logged: () => string;
  /** True while a job for (kind, thread) waits in the queue. */
  pending(kind: NotifyKind, threadId: ThreadId): Promise<boolean>;
  staff(email: string): Promise<StaffSocket>;
}

async function setup(t: TestContext, env: Record<string, string>, sinkEnv = true): Promise<Setup> {
  const logs = logSink();
  const sinkStream = logs.stream;
  const redisServer = await startTestRedis();
  const sink = await startNoticeSink(redisServer.url);
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'trace', ...(sinkEnv ? sink.env : {}), ...env });
  const relay = await startRelay(config, redisServer.url, createLogger(config, sinkStream));
  const connection = new Redis(redisServer.url);
  const queue = new Queue(QUEUE_NAME, { connection, prefix: notifyKeys.queuePrefix });
  const sockets: StaffSocket[] = [];
  t.after(async () => {
    for (const socket of sockets) socket.close();
    await relay.close();
    await queue.close();
    connection.disconnect();
    await sink.close();
    await redisServer.stop();
  });
  await seedDemo(relay.stores, relay.port, TEST_PASSWORD);
  return {
    relay,
    sink,
    logged: () => logs.logged(),
    pending: async (kind, threadId) => (await queue.getJob(jobId(kind, threadId))) !== undefined,
    async staff(email) {
      const socket = await connectStaff(relay.url, email, TEST_PASSWORD);
      sockets.push(socket);
      return socket;
    },
  };
}

/** Resolves when this relay's worker finishes a job of (kind, thread) with `outcome`. */
function outcome(relay: Relay, kind: NotifyKind, threadId: ThreadId, expected: NotifyOutcome): Promise<void> {
  return new Promise((resolve) => {
    const listener = (k: NotifyKind, id: string, o: NotifyOutcome) => {
      if (k === kind && id === threadId && o === expected) {
        relay.notices.off('outcome', listener);
        resolve();
      }
    };
    relay.notices.on('outcome', listener);
  });
}

/** A patient who wrote `SECRET` in a general thread. */
async function patientWhoWrote(relay: Relay) {
  const patient = await connectVisitor(relay.url);
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: SECRET });
  return { ...patient, thread };
}

function assertPrivate(s: Setup): void {
  const everything = `${s.logged()}\n${JSON.stringify(s.sink.caught)}`;
  for (const forbidden of [SECRET, 'болит', REPLY, 'воды', 'Анна Козлова', 'Ольга Смирнова']) {
    assert.ok(!everything.includes(forbidden), `a log line or notice contains "${forbidden}"`);
  }
  assert.ok(!s.logged().includes(PATIENT_EMAIL), "a log line contains the patient's e-mail");
  assert.ok(!s.logged().includes('+79123456789'), 'a log line contains a phone number');
}

test('a patient who opted in and left gets exactly one e-mail after the delay, with a link and without the reply', async (t) => {
  const s = await setup(t, { NOTIFY_PATIENT_AFTER_SECONDS: '1' });
  const patient = await patientWhoWrote(s.relay);
  const { contact } = await ok(patient.socket, 'visitor:contact', { email: ` ${PATIENT_EMAIL} `, consent: true });
  assert.equal(contact.email, PATIENT_EMAIL);
  patient.socket.close();
  const admin = await s.staff('admin@demo.clinic');

  const mail = s.sink.next((item) => item.to.includes(PATIENT_EMAIL));
  const sent = outcome(s.relay, 'patient-notice', patient.thread.id, 'sent');
  const repliedAt = Date.now();
  await ok(admin, 'message:send', { threadId: patient.thread.id, clientId: newClientMessageId(), text: REPLY });
  const notice = await mail;
  assert.ok(Date.now() - repliedAt >= 1000, 'the notice waited for the delay');
  assert.equal(notice.channel, 'email');
  assert.equal(notice.subject, 'Клиника «Здоровье+»: новый ответ в чате');
  assert.match(notice.text, new RegExp(`${s.relay.publicUrl}/c/[A-Za-z0-9_-]{22}`));
  await sent;

  // A second reply within the cooldown sends nothing more.
  const cooled = outcome(s.relay, 'patient-notice', patient.thread.id, 'cooldown');
  await ok(admin, 'message:send', { threadId: patient.thread.id, clientId: newClientMessageId(), text: REPLY });
  await cooled;
  assert.equal(s.sink.caught.filter((item) => item.to.includes(PATIENT_EMAIL)).length, 1);
  assertPrivate(s);
});

test('a patient who reads the reply first is not notified; one still connected is not either', async (t) => {
  const s = await setup(t, { NOTIFY_PATIENT_AFTER_SECONDS: '1' });
  const admin = await s.staff('admin@demo.clinic');
  const reader = await patientWhoWrote(s.relay);
  await ok(reader.socket, 'visitor:contact', { email: 'reader@example.org', consent: true });
  const reply = await ok(admin, 'message:send', { threadId: reader.thread.id, clientId: newClientMessageId(), text: REPLY });
  assert.ok(await s.pending('patient-notice', reader.thread.id));
  await ok(reader.socket, 'read', { threadId: reader.thread.id, upTo: reply.id });
  assert.equal(await s.pending('patient-notice', reader.thread.id), false, 'reading cancels the notice');

  // Connected but not reading: the job fires and finds the patient online.
  const online = await patientWhoWrote(s.relay);
  await ok(online.socket, 'visitor:contact', { phone: '8 (912) 345-67-89', consent: true });
  const nothing = outcome(s.relay, 'patient-notice', online.thread.id, 'nothing-to-send');
  await ok(admin, 'message:send', { threadId: online.thread.id, clientId: newClientMessageId(), text: REPLY });
  await nothing;
  assert.deepEqual(s.sink.caught, []);
  reader.socket.close();
  online.socket.close();
  assertPrivate(s);
});

test('a patient message nobody answers e-mails the responsible staff, then texts the escalation contact; answering first cancels both', async (t) => {
  const s = await setup(t, { NOTIFY_STAFF_AFTER_SECONDS: '1', NOTIFY_ESCALATE_AFTER_SECONDS: '2' });
  const owner = await s.staff('owner@demo.clinic');
  const { staff } = await ok(owner, 'staff:list', {});
  const id = (email: string) => staff.find((member) => member.email === email)!.id;
  await ok(owner, 'staff:update', { staffId: id('owner@demo.clinic'), alerts: { alerts: false, email: null, phone: null, escalation: false } });
  const { member } = await ok(owner, 'staff:update', {
    staffId: id('admin@demo.clinic'),
    alerts: { alerts: true, email: null, phone: '8 (912) 345-67-89', escalation: true },
  });
  assert.equal(member.alerts.phone, '+79123456789');
  const bad = await call(owner, 'staff:update', {
    staffId: id('admin@demo.clinic'),
    alerts: { alerts: true, email: 'not-an-address', phone: null, escalation: false },
  });
  assert.equal(bad.error?.code, 'CONTACT_INVALID');

  const mail = s.sink.next((item) => item.channel === 'email');
  const sms = s.sink.next((item) => item.channel === 'sms');
  const patient = await patientWhoWrote(s.relay);
  const alert = await mail;
  assert.deepEqual(alert.to, ['admin@demo.clinic']);
  assert.ok(alert.text.includes(`${s.relay.publicUrl}/console/#/thread/${patient.thread.id}`));
  const text = await sms;
  assert.deepEqual(text.to, ['+79123456789']);
  assert.ok(text.text.includes(`/console/#/thread/${patient.thread.id}`));
  assert.equal(s.sink.caught.length, 2);

  const answered = await patientWhoWrote(s.relay);
  assert.ok(await s.pending('staff-alert', answered.thread.id));
  assert.ok(await s.pending('escalation', answered.thread.id));
  const admin = await s.staff('admin@demo.clinic');
  await ok(admin, 'message:send', { threadId: answered.thread.id, clientId: newClientMessageId(), text: REPLY });
  assert.equal(await s.pending('staff-alert', answered.thread.id), false);
  assert.equal(await s.pending('escalation', answered.thread.id), false);
  patient.socket.close();
  answered.socket.close();
  assertPrivate(s);
});

test('a mail server that is down never delays a send: the notice is retried later', async (t) => {
  const s = await setup(t, { NOTIFY_PATIENT_AFTER_SECONDS: '1', SMTP_URL: 'smtp://127.0.0.1:1', MAIL_FROM: 'notify@clinic.test' }, false);
  const patient = await patientWhoWrote(s.relay);
  await ok(patient.socket, 'visitor:contact', { email: PATIENT_EMAIL, consent: true });
  patient.socket.close();
  const admin = await s.staff('admin@demo.clinic');
  const retrying = outcome(s.relay, 'patient-notice', patient.thread.id, 'retrying');
  const started = Date.now();
  await ok(admin, 'message:send', { threadId: patient.thread.id, clientId: newClientMessageId(), text: REPLY });
  assert.ok(Date.now() - started < 1000, 'the ack waited for the mail server');
  await retrying;
  assert.ok(s.logged().includes('RELAY_ERR_MAIL_SEND'));
  assertPrivate(s);
});

test('a notice refused for good puts the failed mark on the thread; the next one sent clears it', async (t) => {
  // An SMS gateway that refuses every message (HTTP 400: permanent, no retry).
  const gateway = createServer((request, response) => request.resume().on('end', () => response.writeHead(400).end()));
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => gateway.close(() => resolve())));
  const s = await setup(t, {
    NOTIFY_PATIENT_AFTER_SECONDS: '1',
    SMS_WEBHOOK_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`,
    SMS_WEBHOOK_SECRET: 'a-secret-of-enough-length',
  });
  const patient = await patientWhoWrote(s.relay);
  await ok(patient.socket, 'visitor:contact', { phone: '+7 912 345 67 89', consent: true });
  patient.socket.close();
  const admin = await s.staff('admin@demo.clinic');
  const marked = nextEvent<StaffThread>(admin, 'thread:update', (thread) => thread.id === patient.thread.id && thread.notificationFailed);
  await ok(admin, 'message:send', { threadId: patient.thread.id, clientId: newClientMessageId(), text: REPLY });
  await marked;
  assert.equal((await ok(admin, 'thread:get', { threadId: patient.thread.id })).thread.notificationFailed, true);
  assert.ok(s.logged().includes('RELAY_ERR_SMS_SEND'));

  // The patient gives an e-mail instead; the next reply's notice goes out (a failed one holds no cooldown).
  const again = await connectVisitor(s.relay.url, { token: patient.token });
  await ok(again.socket, 'visitor:contact', { email: PATIENT_EMAIL, consent: true });
  again.socket.close();
  const cleared = nextEvent<StaffThread>(admin, 'thread:update', (thread) => thread.id === patient.thread.id && !thread.notificationFailed);
  await ok(admin, 'message:send', { threadId: patient.thread.id, clientId: newClientMessageId(), text: REPLY });
  await cleared;
  assert.equal(s.sink.caught.length, 1);
  assertPrivate(s);
});
