/**
 * Booking requests, the follow-ups (issue 13 §3): the owner's switch for requests in the
 * chat (default on; off, the widget's session says so and the relay refuses
 * `booking:request` with BOOKING_REQUESTS_OFF, storing nothing), and staff's answer to a
 * request reaching a patient who is away as the usual reply notice — that the clinic
 * answered, with a resume link, never the day, time or phone. Real Redis, the relay's own
 * mail catcher (an in-process SMTP server), real BullMQ jobs.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { newActionId, newClientMessageId as clientId, type ThreadId } from '../../protocol/ids.ts';
import type { Message } from '../../protocol/model.ts';
import { jobId, QUEUE_NAME, type NotifyOutcome } from '../notify/notification-queue.ts';
import { notifyKeys } from '../notify/notify-keys.ts';
import type { CaughtItem } from '../notify/mail-catcher.ts';
import { demoOrigins } from '../demo-seed.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { call, connectStaff, connectVisitor, nextEvent, ok, type StaffSocket, type VisitorConnection } from '../testing/clients.ts';

const PATIENT_EMAIL = 'booking.patient@example.org';
const DAY = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
const TIME = '16:40';
const PHONE = '+7 903 777-12-34';

interface Setup {
  relay: TestRelay;
  staff(email: string): Promise<StaffSocket>;
  /** True while a job for (patient-notice, thread) waits in the queue. */
  noticePending(threadId: ThreadId): Promise<boolean>;
}

async function setup(t: TestContext, env: Record<string, string> = {}): Promise<Setup> {
  const relay = await startTestRelay({ env });
  const connection = new Redis(relay.redis.url);
  const queue = new Queue(QUEUE_NAME, { connection, prefix: notifyKeys.queuePrefix });
  const sockets: { close(): void }[] = [];
  t.after(async () => {
    for (const socket of sockets) socket.close();
    await queue.close();
    connection.disconnect();
    await relay.stop();
  });
  return {
    relay,
    async staff(email) {
      const socket = await connectStaff(relay.url, email, relay.password);
      sockets.push(socket);
      return socket;
    },
    noticePending: async (threadId) => (await queue.getJob(jobId('patient-notice', threadId))) !== undefined,
  };
}

/** A patient who asked for reply notices by e-mail and sent a visit request, then left the page. */
async function patientWhoAskedAndLeft(relay: TestRelay): Promise<VisitorConnection & { threadId: ThreadId; requestId: Message['id'] }> {
  const patient = await connectVisitor(relay.url);
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  const { id } = await ok(patient.socket, 'booking:request', { threadId: thread.id, clientId: clientId(), day: DAY, time: TIME, phone: PHONE });
  await ok(patient.socket, 'visitor:contact', { email: PATIENT_EMAIL, consent: true });
  patient.socket.close();
  return { ...patient, threadId: thread.id, requestId: id };
}

function outcome(relay: TestRelay, threadId: ThreadId, expected: NotifyOutcome): Promise<void> {
  return new Promise((resolve) => {
    const listener = (kind: string, id: string, got: NotifyOutcome) => {
      if (kind === 'patient-notice' && id === threadId && got === expected) {
        relay.notices.off('outcome', listener);
        resolve();
      }
    };
    relay.notices.on('outcome', listener);
  });
}

test('staff’s answer to a visit request reaches a patient who is away as the usual reply notice, without the day, time or phone', async (t) => {
  const { relay, staff } = await setup(t, { NOTIFY_PATIENT_AFTER_SECONDS: '1' });
  const patient = await patientWhoAskedAndLeft(relay);
  const admin = await staff('admin@demo.clinic');

  const mail = new Promise<CaughtItem>((resolve) => relay.mailCatcher!.onCaught((item) => item.to.includes(PATIENT_EMAIL) && resolve(item)));
  const sent = outcome(relay, patient.threadId, 'sent');
  const answeredAt = Date.now();
  await ok(admin, 'booking:decide', { threadId: patient.threadId, messageId: patient.requestId, outcome: 'confirmed', actionId: newActionId() });
  const notice = await mail;
  await sent;
  assert.ok(Date.now() - answeredAt >= 1000, 'the notice waited for the patient’s delay');
  assert.equal(notice.subject, 'Клиника «Здоровье+»: новый ответ в чате');
  assert.match(notice.text, new RegExp(`${relay.publicUrl}/c/[A-Za-z0-9_-]{22}`), 'the notice carries a resume link');
  const everything = `${notice.subject}\n${notice.text}\n${notice.html ?? ''}`;
  for (const forbidden of [DAY, DAY.split('-').reverse().join('.'), TIME, '7771234', '777-12-34', '903']) {
    assert.ok(!everything.includes(forbidden), `the notice contains "${forbidden}"`);
  }
});

test('a patient who comes back and reads the answer before the delay gets no notice', async (t) => {
  const { relay, staff, noticePending } = await setup(t, { NOTIFY_PATIENT_AFTER_SECONDS: '600' });
  const patient = await patientWhoAskedAndLeft(relay);
  const admin = await staff('admin@demo.clinic');
  assert.equal(await noticePending(patient.threadId), false, 'a request alone schedules no patient notice');

  await ok(admin, 'booking:decide', { threadId: patient.threadId, messageId: patient.requestId, outcome: 'declined', actionId: newActionId() });
  assert.equal(await noticePending(patient.threadId), true, 'the answer schedules the reply notice');

  const back = await connectVisitor(relay.url, { token: patient.token });
  t.after(() => back.socket.close());
  const { messages } = await ok(back.socket, 'message:history', { threadId: patient.threadId });
  const answer = messages.find((m) => m.type === 'system' && m.event.kind === 'booking');
  assert.ok(answer, 'the patient sees the answer');
  await ok(back.socket, 'read', { threadId: patient.threadId, upTo: answer.id });
  assert.equal(await noticePending(patient.threadId), false, 'reading the answer cancels the notice');
});

test('the owner turns visit requests in the chat off and on: a request is refused with BOOKING_REQUESTS_OFF and stores nothing; a clinic without them tells its widgets so', async (t) => {
  const { relay, staff } = await setup(t);
  const owner = await staff('owner@demo.clinic');
  assert.equal((await ok(owner, 'clinic:get', {})).clinic.bookingRequests, true, 'on by default');
  const patient = await connectVisitor(relay.url);
  t.after(() => patient.socket.close());
  assert.equal(patient.session.clinic.bookingRequests, true, 'the widget may offer it');
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });

  const bad = await call(owner, 'clinic:update', { bookingRequests: 'no' } as never);
  assert.equal(bad.error?.code, 'BAD_REQUEST');
  assert.equal((await ok(owner, 'clinic:get', {})).clinic.bookingRequests, true, 'a refused update changes nothing');

  assert.equal((await ok(owner, 'clinic:update', { bookingRequests: false })).clinic.bookingRequests, false);
  // A widget opened before the switch is refused too: the relay reads the setting afresh.
  const request = { threadId: thread.id, clientId: clientId(), day: DAY, time: TIME, phone: PHONE };
  const refused = await call(patient.socket, 'booking:request', request);
  assert.equal(refused.error?.code, 'BOOKING_REQUESTS_OFF');
  assert.deepEqual((await ok(patient.socket, 'message:history', { threadId: thread.id })).messages, [], 'nothing stored');

  await ok(owner, 'clinic:update', { bookingRequests: true });
  const arrived = nextEvent<Message>(owner, 'message', (m) => m.type === 'booking');
  await ok(patient.socket, 'booking:request', request);
  assert.equal((await arrived).threadId, thread.id, 'on again, a request goes through');

  // A clinic stored with requests off (the visitor namespace caches a clinic for seconds, so one of this test's own).
  await relay.stores.clinics.create({
    siteKey: 'no-booking-requests',
    name: 'Clinic',
    greeting: '',
    locale: 'ru',
    origins: demoOrigins(relay.port),
    bookingUrl: null,
    officeHours: null,
    bookingRequests: false,
  });
  const elsewhere = await connectVisitor(relay.url, { siteKey: 'no-booking-requests' });
  t.after(() => elsewhere.socket.close());
  assert.equal(elsewhere.session.clinic.bookingRequests, false, 'its widgets offer no request');
});
