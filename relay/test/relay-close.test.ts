/**
 * `relay.close()` returns promptly whatever the HTTP clients do (relay/README.md, "Known
 * problems", now explained): Node's server close ends only the keep-alive connections idle
 * at that moment, so a connection that had sent no request (a browser's spare socket, a
 * TLS front's) or whose request was still under way held the close open until the client
 * hung up — minutes with Chromium. Raw TCP here, so nothing but the relay closes them.
 * Likewise a notice job stuck in a mail server that went silent held it for the mailer's
 * socket timeout (20 s): a closing worker now waits for its jobs only a short grace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';
import { API_PREFIX } from '../../protocol/http.ts';
import { newClientMessageId as clientId } from '../../protocol/ids.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { connectStaff, connectVisitor, ok } from '../testing/clients.ts';

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

test('a notice stuck in a mail server that went silent does not hold the close open', async (t) => {
  let sending: () => void;
  const stuck = new Promise<void>((resolve) => (sending = resolve));
  // Takes the message's envelope, then never answers its data.
  const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], closeTimeout: 500, onData: () => sending() });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  t.after(() => new Promise<void>((resolve) => smtp.close(resolve)));
  const { port } = smtp.server.address() as AddressInfo;
  const relay = await startTestRelay({
    env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Clinic <notify@example.org>', NOTIFY_PATIENT_AFTER_SECONDS: '1' },
  });
  t.after(() => relay.redis.stop());
  const patient = await connectVisitor(relay.url);
  const admin = await connectStaff(relay.url, 'admin@demo.clinic', relay.password);
  t.after(() => {
    patient.socket.close();
    admin.close();
  });
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'a question' });
  await ok(patient.socket, 'visitor:contact', { email: 'patient@example.org', consent: true });
  // The patient leaves; staff answer; a second later the notice's mail is under way, and stuck.
  patient.socket.close();
  await ok(admin, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'an answer' });
  await stuck;

  assert.ok(await closesWithin(relay, CLOSE_LIMIT_MS), `the relay did not close within ${CLOSE_LIMIT_MS} ms`);
});
