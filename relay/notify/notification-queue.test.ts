/**
 * The notification queue with real parts: BullMQ on a real Redis, e-mail into the
 * in-process SMTP catcher, SMS into a node:http server. Two queue instances on one
 * Redis stand for two relays. "Never fires" is proven by a later sentinel job: jobs
 * fire in time order, so once the sentinel has fired, the earlier one would have too.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { ThreadId } from '../../protocol/stream-ids.ts';
import { newEntityId } from '../store/random-ids.ts';
import { startTestRedis } from '../testing/harness.ts';
import type { RelayError } from '../errors.ts';
import { createMailer } from './mailer.ts';
import { startMailCatcher, type CaughtItem } from './mail-catcher.ts';
import {
  createNotificationQueue,
  type Delivery,
  type NotificationQueue,
  type NotificationQueueOptions,
  type NotifyKind,
  type NotifyOutcome,
} from './notification-queue.ts';
import { notifyKeys } from './notify-keys.ts';
import { createSmsGateway } from './sms-gateway.ts';
import { noticeLinks, patientNotice, staffAlert } from './templates.ts';

const links = noticeLinks('https://chat.example-clinic.ru');
const log = pino({ level: 'silent' });
const thread = () => newEntityId<ThreadId>();

/** Resolves when `predicate` first holds for an item pushed to the list. */
function recorder<T>() {
  const items: T[] = [];
  const waiters = new Set<{ predicate: (item: T) => boolean; resolve: (item: T) => void }>();
  return {
    items,
    push(item: T) {
      items.push(item);
      for (const waiter of waiters) {
        if (waiter.predicate(item)) {
          waiters.delete(waiter);
          waiter.resolve(item);
        }
      }
    },
    next(predicate: (item: T) => boolean): Promise<T> {
      return new Promise((resolve) => waiters.add({ predicate, resolve }));
    },
  };
}

/** An HTTP SMS gateway answering every request with `status`. */
async function smsServer(t: TestContext, status: number) {
  const bodies = recorder<string>();
  const server = createServer((request, response) => {
    let body = '';
    request
      .setEncoding('utf8')
      .on('data', (chunk: string) => (body += chunk))
      .on('end', () => {
        response.writeHead(status).end();
        bodies.push(body);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`, bodies };
}

type Setup = Pick<NotificationQueueOptions, 'resolve'> & Partial<NotificationQueueOptions>;

/** A Redis, the mail catcher, and a factory of queue instances ("relays"); one ordered cleanup. */
async function world(t: TestContext) {
  const redisServer = await startTestRedis();
  const redis = new Redis(redisServer.url);
  const catcher = await startMailCatcher({ redis });
  const mailer = createMailer({ smtpUrl: catcher.smtpUrl, from: 'notify@example.org' });
  const mails = recorder<CaughtItem>();
  catcher.onCaught((item) => mails.push(item));
  const outcomes = recorder<{ kind: NotifyKind; threadId: ThreadId; outcome: NotifyOutcome }>();
  const failures = recorder<{ kind: NotifyKind; threadId: ThreadId; error: RelayError }>();
  const resolved = recorder<{ kind: NotifyKind; threadId: ThreadId }>();
  const open = new Set<NotificationQueue>();
  t.after(async () => {
    for (const queue of open) await queue.close();
    await mailer.close();
    await catcher.close();
    redis.disconnect();
    await redisServer.stop();
  });
  return {
    redis,
    mails,
    outcomes,
    failures,
    resolved,
    relay(setup: Setup): NotificationQueue & { kill(): Promise<void> } {
      const queue = createNotificationQueue({
        redisTarget: redisServer.url,
        log,
        backoffMs: 20,
        ...setup,
        channels: { email: mailer, ...setup.channels },
        async resolve(kind, threadId) {
          resolved.push({ kind, threadId });
          return setup.resolve(kind, threadId);
        },
        onOutcome: (kind, threadId, outcome) => outcomes.push({ kind, threadId, outcome }),
        onFailed: async (kind, threadId, error) => failures.push({ kind, threadId, error }),
      });
      open.add(queue);
      return {
        ...queue,
        async kill() {
          open.delete(queue);
          await queue.close();
        },
      };
    },
    settled: (threadId: ThreadId, outcome: NotifyOutcome) => outcomes.next((o) => o.threadId === threadId && o.outcome === outcome),
  };
}

const staffMail = (threadId: ThreadId): Delivery[] => [
  {
    channel: 'email',
    to: 'admin@example.org',
    message: staffAlert({ locale: 'en', clinicName: 'Health', link: links.consoleThread(threadId), waitingMinutes: 5 }),
  },
];
const mailsFor = (items: CaughtItem[], threadId: ThreadId) => items.filter((mail) => mail.text.includes(threadId));

test('two relays on one Redis send a scheduled notification exactly once', async (t) => {
  const w = await world(t);
  const a = w.relay({ resolve: async (_kind, threadId) => staffMail(threadId) });
  const b = w.relay({ resolve: async (_kind, threadId) => staffMail(threadId) });
  const target = thread();
  const sentinel = thread();
  const mail = w.mails.next((item) => item.text.includes(target));
  await Promise.all([a.schedule('staff-alert', target, 200), b.schedule('staff-alert', target, 200)]);
  await w.settled(target, 'sent');
  assert.equal((await mail).subject, 'Health: a patient is waiting for a reply');
  await b.schedule('staff-alert', sentinel, 300);
  await w.settled(sentinel, 'sent');
  assert.equal(w.resolved.items.filter((r) => r.threadId === target).length, 1);
  assert.equal(mailsFor(w.mails.items, target).length, 1);
});

test('a cancelled notification never fires', async (t) => {
  const w = await world(t);
  const a = w.relay({ resolve: async (_kind, threadId) => staffMail(threadId) });
  const b = w.relay({ resolve: async (_kind, threadId) => staffMail(threadId) });
  const target = thread();
  const sentinel = thread();
  await a.schedule('escalation', target, 200);
  await b.cancel('escalation', target);
  await a.schedule('escalation', sentinel, 300);
  await w.settled(sentinel, 'sent');
  assert.deepEqual(
    w.resolved.items.filter((r) => r.threadId === target),
    [],
  );
  assert.equal(mailsFor(w.mails.items, target).length, 0);
});

test('a notification pending when its relay is killed is sent by the relay started after', async (t) => {
  const w = await world(t);
  const first = w.relay({ resolve: async (_kind, threadId) => staffMail(threadId) });
  const target = thread();
  await first.schedule('staff-alert', target, 200);
  await first.kill();
  const mail = w.mails.next((item) => item.text.includes(target));
  w.relay({ resolve: async (_kind, threadId) => staffMail(threadId) });
  await w.settled(target, 'sent');
  assert.ok((await mail).text.includes(links.consoleThread(target)));
});

test('the condition is re-checked at fire time: null sends nothing', async (t) => {
  const w = await world(t);
  const relay = w.relay({ resolve: async () => null });
  const target = thread();
  await relay.schedule('patient-notice', target, 50);
  await w.settled(target, 'nothing-to-send');
  assert.equal(w.mails.items.length, 0);
  assert.equal(await w.redis.exists(notifyKeys.cooldown('patient-notice', target)), 0, 'no cooldown without a notice');
});

test('a failing channel is retried with backoff, then the relay is told once', async (t) => {
  const w = await world(t);
  const gateway = await smsServer(t, 503);
  const sms = createSmsGateway({ url: gateway.url, secret: 'gateway-secret-0123456789' });
  const relay = w.relay({
    attempts: 3,
    channels: { sms },
    resolve: async () => [{ channel: 'sms', to: '+79123456789', message: { subject: '', text: 'Health: a patient is waiting.' } }],
  });
  const target = thread();
  await relay.schedule('escalation', target, 50);
  const failure = await w.failures.next((f) => f.threadId === target);
  assert.equal(failure.kind, 'escalation');
  assert.equal(failure.error.code, 'RELAY_ERR_SMS_SEND');
  assert.ok(!failure.error.message.includes('7912'));
  assert.equal(gateway.bodies.items.length, 3, 'three attempts');
  await w.settled(target, 'failed');
  assert.equal(w.failures.items.filter((f) => f.threadId === target).length, 1);
  assert.deepEqual(
    w.outcomes.items.filter((o) => o.threadId === target).map((o) => o.outcome),
    ['retrying', 'retrying', 'failed'],
  );
});

test('a retry repeats only the deliveries that failed; a permanent refusal is not retried', async (t) => {
  const w = await world(t);
  const refusing = await smsServer(t, 400);
  const relay = w.relay({
    attempts: 5,
    channels: { sms: createSmsGateway({ url: refusing.url, secret: 'gateway-secret-0123456789' }) },
    resolve: async (_kind, threadId) => [...staffMail(threadId), { channel: 'sms', to: '+79123456789', message: { subject: '', text: 'x' } }],
  });
  const target = thread();
  await relay.schedule('staff-alert', target, 50);
  const failure = await w.failures.next((f) => f.threadId === target);
  assert.equal(failure.error.message, 'the SMS gateway did not accept a notice: HTTP 400');
  assert.equal(refusing.bodies.items.length, 1, 'a 400 is not retried');
  assert.equal(mailsFor(w.mails.items, target).length, 1);

  // With a gateway that is only down (503), the mail that went through is not sent again.
  const down = await smsServer(t, 503);
  const second = thread();
  const retrying = w.relay({
    attempts: 3,
    channels: { sms: createSmsGateway({ url: down.url, secret: 'gateway-secret-0123456789' }) },
    resolve: async (_kind, threadId) => [...staffMail(threadId), { channel: 'sms', to: '+79123456789', message: { subject: '', text: 'x' } }],
  });
  await relay.kill();
  await retrying.schedule('staff-alert', second, 50);
  await w.failures.next((f) => f.threadId === second);
  assert.equal(down.bodies.items.length, 3);
  assert.equal(mailsFor(w.mails.items, second).length, 1, 'the e-mail went out once');
});

test('a patient is notified at most once per cooldown, even by two relays', async (t) => {
  const w = await world(t);
  const notice = async (_kind: NotifyKind, threadId: ThreadId): Promise<Delivery[]> => [
    { channel: 'email', to: 'maria@example.org', message: patientNotice({ locale: 'ru', clinicName: 'Здоровье', link: links.resume(threadId) }, 'email') },
  ];
  const a = w.relay({ resolve: notice, patientCooldownMs: 60_000 });
  const b = w.relay({ resolve: notice, patientCooldownMs: 60_000 });
  const target = thread();
  await a.schedule('patient-notice', target, 50);
  await w.settled(target, 'sent');
  const ttl = await w.redis.pttl(notifyKeys.cooldown('patient-notice', target));
  assert.ok(ttl > 50_000 && ttl <= 60_000, `cooldown TTL ${ttl}`);
  await b.schedule('patient-notice', target, 50);
  await w.settled(target, 'cooldown');
  assert.equal(mailsFor(w.mails.items, target).length, 1);
});

test('a patient notice that failed for good leaves no cooldown behind', async (t) => {
  const w = await world(t);
  const relay = w.relay({
    attempts: 2,
    channels: {},
    resolve: async () => [{ channel: 'sms', to: '+79123456789', message: { subject: '', text: 'x' } }],
  });
  const target = thread();
  await relay.schedule('patient-notice', target, 50);
  const failure = await w.failures.next((f) => f.threadId === target);
  assert.equal(failure.error.code, 'RELAY_ERR_NOTIFY_NO_CHANNEL');
  assert.equal(await w.redis.exists(notifyKeys.cooldown('patient-notice', target)), 0);
});
