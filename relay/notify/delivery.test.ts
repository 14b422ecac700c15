/**
 * The outbound channels against real servers: nodemailer into an in-process SMTP server
 * (the mail catcher: smtp-server + mailparser), the SMS gateway into node:http servers.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type { ThreadId } from '../../protocol/stream-ids.ts';
import { startTestRedis } from '../testing/harness.ts';
import type { Channel } from './channel.ts';
import { createMailer } from './mailer.ts';
import { startMailCatcher, type CaughtItem, type MailCatcher } from './mail-catcher.ts';
import { createSmsGateway, verifySmsRequest } from './sms-gateway.ts';
import { noticeLinks, patientNotice, staffAlert } from './templates.ts';

const MESSAGE_TEXT = 'Мне назначили антибиотики, можно ли их пить с алкоголем?';
const links = noticeLinks('https://chat.example-clinic.ru');

/** A catcher on its own Redis, and a mailer into it that is closed first (the SMTP server waits for its clients). */
async function catcher(t: TestContext): Promise<{ mc: MailCatcher; mailer: Channel }> {
  const redisServer = await startTestRedis();
  const redis = new Redis(redisServer.url);
  const mc = await startMailCatcher({ redis, keep: 3 });
  const mailer = createMailer({ smtpUrl: mc.smtpUrl, from: 'Clinic chat <notify@example.org>' });
  t.after(async () => {
    await mailer.close();
    await mc.close();
    redis.disconnect();
    await redisServer.stop();
  });
  return { mc, mailer };
}

const nextCaught = (mc: MailCatcher) =>
  new Promise<CaughtItem>((resolve) => {
    const off = mc.onCaught((item) => {
      off();
      resolve(item);
    });
  });

/** A node:http server recording each request and answering with `status`. */
async function gateway(t: TestContext, status: number) {
  const requests: { headers: IncomingHttpHeaders; body: string }[] = [];
  let arrived: (r: { headers: IncomingHttpHeaders; body: string }) => void = () => {};
  const server = createServer((request, response) => {
    let body = '';
    request
      .setEncoding('utf8')
      .on('data', (chunk: string) => (body += chunk))
      .on('end', () => {
        requests.push({ headers: request.headers, body });
        arrived({ headers: request.headers, body });
        response.writeHead(status).end();
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
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`,
    requests,
    next: () => new Promise<{ headers: IncomingHttpHeaders; body: string }>((resolve) => (arrived = resolve)),
  };
}

test('a patient notice arrives at a real SMTP server with the subject and link and without the message', async (t) => {
  const { mc, mailer } = await catcher(t);
  const link = links.resume('abcdefghijklmnopqrstuv');
  const arrived = nextCaught(mc);
  const result = await mailer.send('maria@example.org', patientNotice({ locale: 'ru', clinicName: 'Здоровье', link }, 'email'));
  assert.deepEqual(result, { ok: true });
  const mail = await arrived;
  assert.equal(mail.channel, 'email');
  assert.deepEqual(mail.to, ['maria@example.org']);
  assert.equal(mail.subject, 'Здоровье: новый ответ в чате');
  assert.ok(mail.text.includes(link), 'link in the plain text');
  assert.ok(mail.html?.includes(`href="${link}"`), 'link in the HTML');
  assert.ok(!`${mail.subject}${mail.text}${mail.html}`.includes(MESSAGE_TEXT));
  assert.deepEqual(
    (await mc.listCaught()).map((item) => item.subject),
    [mail.subject],
  );
});

test('a staff alert links straight to the conversation in the console', async (t) => {
  const { mc, mailer } = await catcher(t);
  const threadId = 'Qx7Kd2mZp9Lw4Rt8Yv1BcA' as ThreadId;
  const arrived = nextCaught(mc);
  await mailer.send('admin@example.org', staffAlert({ locale: 'en', clinicName: 'Health', link: links.consoleThread(threadId), waitingMinutes: 5 }));
  const mail = await arrived;
  assert.equal(mail.subject, 'Health: a patient is waiting for a reply');
  assert.ok(mail.text.includes(`https://chat.example-clinic.ru/console/#/thread/${threadId}`));
});

test('the catcher keeps only the newest items', async (t) => {
  const { mc, mailer } = await catcher(t);
  for (const n of [1, 2, 3, 4]) {
    const arrived = nextCaught(mc);
    await mailer.send('a@example.org', { subject: `notice ${n}`, text: 'x' });
    await arrived;
  }
  assert.deepEqual(
    (await mc.listCaught()).map((item) => item.subject),
    ['notice 4', 'notice 3', 'notice 2'],
  );
});

test('a mail server that is down is a coded failure without the address', async () => {
  const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'notify@example.org' });
  const result = await mailer.send('maria@example.org', { subject: 's', text: MESSAGE_TEXT });
  await mailer.close();
  assert.equal(result.ok, false);
  assert.ok(!result.ok && result.error.code === 'RELAY_ERR_MAIL_SEND' && !result.permanent);
  assert.ok(!result.ok && !result.error.message.includes('maria') && result.error.cause === undefined);
});

test('the SMS gateway POSTs { to, text } signed with HMAC-SHA256 over timestamp.body', async (t) => {
  const server = await gateway(t, 200);
  const secret = 'gateway-secret-0123456789';
  const sms = createSmsGateway({ url: server.url, secret });
  const arrived = server.next();
  const result = await sms.send('+79123456789', { subject: '', text: 'Здоровье: новый ответ в чате. https://x.example/c/a' });
  assert.deepEqual(result, { ok: true });
  const { headers, body } = await arrived;
  assert.equal(headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(body), { to: '+79123456789', text: 'Здоровье: новый ответ в чате. https://x.example/c/a' });
  const timestamp = headers['x-clinic-chat-timestamp'] as string;
  assert.ok(Math.abs(Number(timestamp) - Date.now() / 1000) < 60);
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  assert.equal(headers['x-clinic-chat-signature'], expected);
  assert.ok(verifySmsRequest(secret, headers, body));
  assert.ok(!verifySmsRequest('another-secret-0123456789', headers, body), 'another key does not verify');
  assert.ok(!verifySmsRequest(secret, headers, body.replace('+7912', '+7999')), 'a changed body does not verify');
  assert.ok(!verifySmsRequest(secret, headers, body, Date.now() + 10 * 60_000), 'an old signature does not verify');
});

test('a non-2xx answer is a failure: 4xx permanent, 5xx and 429 worth retrying, never with the number or text', async (t) => {
  for (const [status, permanent] of [
    [400, true],
    [403, true],
    [429, false],
    [500, false],
    [503, false],
  ] as const) {
    const server = await gateway(t, status);
    const result = await createSmsGateway({ url: server.url, secret: 'gateway-secret-0123456789' }).send('+79123456789', { subject: '', text: MESSAGE_TEXT });
    assert.equal(result.ok, false, String(status));
    if (result.ok) continue;
    assert.equal(result.error.code, 'RELAY_ERR_SMS_SEND');
    assert.equal(result.error.message, `the SMS gateway did not accept a notice: HTTP ${status}`);
    assert.equal(result.permanent, permanent, String(status));
  }
  const down = await createSmsGateway({ url: 'http://127.0.0.1:1/send', secret: 'gateway-secret-0123456789' }).send('+79123456789', {
    subject: '',
    text: MESSAGE_TEXT,
  });
  assert.ok(!down.ok && !down.permanent && !down.error.message.includes('7912'));
});

test("the catcher's SMS receiver keeps signed messages and refuses unsigned ones", async (t) => {
  const { mc } = await catcher(t);
  const arrived = nextCaught(mc);
  const result = await createSmsGateway({ url: mc.smsWebhookUrl, secret: mc.smsWebhookSecret }).send('+79123456789', {
    subject: '',
    text: 'Здоровье: новый ответ в чате.',
  });
  assert.deepEqual(result, { ok: true });
  const { channel, to, text, html } = await arrived;
  assert.deepEqual({ channel, to, text, html }, { channel: 'sms', to: ['+79123456789'], text: 'Здоровье: новый ответ в чате.', html: null });
  const forged = await createSmsGateway({ url: mc.smsWebhookUrl, secret: 'not-the-catchers-secret' }).send('+79123456789', { subject: '', text: 'forged' });
  assert.ok(!forged.ok && forged.error.message.endsWith('HTTP 401'));
  assert.equal((await mc.listCaught()).length, 1);
});
