/**
 * `relay.close()` returns promptly whatever the HTTP clients do (relay/README.md, "Known
 * problems", now explained): Node's server close ends only the keep-alive connections idle
 * at that moment, so a connection that had sent no request (a browser's spare socket, a
 * TLS front's) or whose request was still under way held the close open until the client
 * hung up — minutes with Chromium. Raw TCP here, so nothing but the relay closes them.
 * Likewise a notice job stuck in a mail server that went silent held it for the mailer's
 * socket timeout (20 s): a closing worker now waits for its jobs only a short grace, and the
 * queues close together, so stuck jobs in several cost that grace once.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';
import { API_PREFIX } from '../../protocol/http.ts';
import { newClientMessageId as clientId } from '../../protocol/ids.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { connectStaff, connectVisitor, ok } from '../testing/clients.ts';
import { JOB_GRACE_MS } from '../store/durable-queue.ts';

/** Far below the harness's SHUTDOWN_LIMIT_MS: with nothing under way, closing takes milliseconds. */
const CLOSE_LIMIT_MS = 3_000;

/** Resolves true when the relay closed within the limit (a hung close fails the test instead of hanging it). */
async function closesWithin(relay: TestRelay, ms: number): Promise<boolean> {
  const late = new AbortController();
  const closed = await Promise.race([relay.close().then(() => true), delay(ms, false, { signal: late.signal })]);
  late.abort();
  return closed;
}

async function openConnection(relay: TestRelay): Promise<Socket & { received(): string }> {
  const socket = connect(relay.port, '127.0.0.1');
  await once(socket, 'connect');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  return Object.assign(socket, { received: () => received });
}

test('a connection that has sent no request does not hold the close open, and is closed', async (t) => {
  const relay = await startTestRelay();
  t.after(() => relay.redis.stop());
  const spare = await openConnection(relay);
  t.after(() => spare.destroy());
  const ended = once(spare, 'close');

  assert.ok(await closesWithin(relay, CLOSE_LIMIT_MS), `the relay did not close within ${CLOSE_LIMIT_MS} ms`);
  await ended;
});

test('a keep-alive sign-in under way when the close begins is answered, then its connection is closed', async (t) => {
  const relay = await startTestRelay();
  t.after(() => relay.redis.stop());
  const body = JSON.stringify({ email: 'admin@demo.clinic', password: relay.password });
  const signIn = await openConnection(relay);
  t.after(() => signIn.destroy());
  const ended = once(signIn, 'close');
  // The relay has the request once it answers 100 Continue; the body follows later.
  signIn.write(
    `POST ${API_PREFIX}/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${relay.port}\r\nOrigin: ${relay.url}\r\nConnection: keep-alive\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
  );
  while (!signIn.received().startsWith('HTTP/1.1 100 Continue\r\n\r\n')) await once(signIn, 'data');

  const closing = closesWithin(relay, CLOSE_LIMIT_MS);
  // The close has begun once a new request is refused: 503 from Fastify, or no connection at all.
  while (
    await fetch(`${relay.url}/healthz`).then(
      (response) => response.status !== 503,
      () => false,
    )
  );
  signIn.write(body);

  assert.ok(await closing, `the relay did not close within ${CLOSE_LIMIT_MS} ms`);
  await ended;
  assert.match(signIn.received(), /\r\n\r\nHTTP\/1\.1 200 /, 'the sign-in under way was answered');
});

/** A relay whose mail server takes a notice's envelope, then never answers its data; `stuck` resolves once a notice is under way. */
async function relayWithSilentMailServer(t: TestContext): Promise<{ relay: TestRelay; stuck: Promise<void> }> {
  let sending: () => void;
  const stuck = new Promise<void>((resolve) => (sending = resolve));
  const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], closeTimeout: 500, onData: () => sending() });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  t.after(() => new Promise<void>((resolve) => smtp.close(resolve)));
  const { port } = smtp.server.address() as AddressInfo;
  const relay = await startTestRelay({
    env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Clinic <notify@example.org>', NOTIFY_PATIENT_AFTER_SECONDS: '1' },
  });
  t.after(() => relay.redis.stop());
  return { relay, stuck };
}

/** The patient leaves; staff answer; a second later the notice's mail is under way, and stuck. */
async function noticeUnderWay(t: TestContext, relay: TestRelay, stuck: Promise<void>): Promise<void> {
  const patient = await connectVisitor(relay.url);
  const admin = await connectStaff(relay.url, 'admin@demo.clinic', relay.password);
  t.after(() => {
    patient.socket.close();
    admin.close();
  });
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'a question' });
  await ok(patient.socket, 'visitor:contact', { email: 'patient@example.org', consent: true });
  patient.socket.close();
  await ok(admin, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'an answer' });
  await stuck;
}

test('a notice stuck in a mail server that went silent does not hold the close open', async (t) => {
  const { relay, stuck } = await relayWithSilentMailServer(t);
  await noticeUnderWay(t, relay, stuck);
  assert.ok(await closesWithin(relay, CLOSE_LIMIT_MS), `the relay did not close within ${CLOSE_LIMIT_MS} ms`);
});

test('the queues close together: a stuck notice and a stuck webhook cost one job grace, not one each', async (t) => {
  const { relay, stuck } = await relayWithSilentMailServer(t);
  // A clinic's webhook endpoint that takes the request and never answers.
  let delivering: () => void;
  const webhookStuck = new Promise<void>((resolve) => (delivering = resolve));
  const receiver = createServer(() => delivering());
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    receiver.closeAllConnections();
    receiver.close();
  });
  const clinic = (await relay.stores.clinics.getBySiteKey('demo'))!;
  await relay.stores.webhooks.set(clinic.id, `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`);
  const { key } = await relay.stores.apiKeys.create(clinic.id);
  const opened = await fetch(`${relay.url}${API_PREFIX}/review-conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'authorization': `Bearer ${key}` },
    body: JSON.stringify({
      review: { id: 'stuck-1', url: 'https://reviews.example/stuck-1', rating: 2, text: 'Долго ждали', publishedAt: '2024-05-01T10:00:00Z' },
      contact: {},
      message: 'Здравствуйте! Давайте разберёмся.',
    }),
  });
  assert.equal(opened.status, 201, await opened.text());
  await Promise.all([webhookStuck, noticeUnderWay(t, relay, stuck)]);

  // One after another, the two queues would take two graces at least.
  const limit = 2 * JOB_GRACE_MS - 200;
  assert.ok(await closesWithin(relay, limit), `the relay did not close within ${limit} ms`);
});
