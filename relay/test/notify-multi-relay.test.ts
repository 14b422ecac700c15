/**
 * Notices shared by several relays on one Redis (issue 8 e): each is sent once whichever
 * relay's worker takes it, and one pending when its relay is killed is sent by the next.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { newClientMessageId } from '../../protocol/ids.ts';
import type { Relay } from '../relay-server.ts';
import { startTestRedis, startTestRelay, TEST_PASSWORD } from '../testing/harness.ts';
import { startNoticeSink } from '../testing/notice-sink.ts';
import { spawnRelay } from '../testing/relay-process.ts';
import { connectStaff, connectVisitor, ok } from '../testing/clients.ts';

const REPLY = 'Ваши анализы готовы, всё в порядке';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A patient on `url` who wrote, opted in by e-mail and left; returns their thread id. */
async function absentPatient(url: string, email: string) {
  const patient = await connectVisitor(url);
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: 'Готовы ли анализы?' });
  await ok(patient.socket, 'visitor:contact', { email, consent: true });
  patient.socket.close();
  return thread.id;
}

test('two relays on one Redis send each notice once', async (t) => {
  const redis = await startTestRedis();
  const sink = await startNoticeSink(redis.url);
  const env = { ...sink.env, NOTIFY_PATIENT_AFTER_SECONDS: '1', RELAY_ADAPTER: 'redis-streams' };
  const relays: Relay[] = [await startTestRelay({ redis, env }), await startTestRelay({ redis, env })];
  t.after(async () => {
    for (const relay of relays) await relay.close();
    await sink.close();
    await redis.stop();
  });
  const sent: string[] = [];
  for (const relay of relays)
    relay.notices.on('outcome', (kind, threadId, outcome) => {
      if (outcome === 'sent') sent.push(threadId);
    });

  const addresses = ['one@example.org', 'two@example.org', 'three@example.org', 'four@example.org'];
  const threads: string[] = [];
  for (const [i, address] of addresses.entries()) threads.push(await absentPatient(relays[i % 2]!.url, address));
  const admins = await Promise.all(relays.map((relay) => connectStaff(relay.url, 'admin@demo.clinic', TEST_PASSWORD)));
  t.after(() => admins.forEach((admin) => admin.close()));
  const all = Promise.all(addresses.map((address) => sink.next((item) => item.to.includes(address))));
  // Both relays reply to every thread: each schedules; one job per thread remains.
  for (const threadId of threads) {
    for (const admin of admins) await ok(admin, 'message:send', { threadId: threadId as never, clientId: newClientMessageId(), text: REPLY });
  }
  await all;
  // A later notice, sent after every earlier one was due: by then any duplicate would have gone out.
  const last = sink.next((item) => item.to.includes('last@example.org'));
  const lastThread = await absentPatient(relays[0]!.url, 'last@example.org');
  await ok(admins[1]!, 'message:send', { threadId: lastThread, clientId: newClientMessageId(), text: REPLY });
  await last;
  for (const address of addresses) assert.equal(sink.caught.filter((item) => item.to.includes(address)).length, 1, address);
  assert.equal(new Set(sent).size, sent.length, 'a thread was notified twice');
});

test('a notice pending when its relay is killed is sent by the relay that starts next', async (t) => {
  const redis = await startTestRedis();
  const sink = await startNoticeSink(redis.url);
  const env = { ...sink.env, NOTIFY_PATIENT_AFTER_SECONDS: '2' };
  let next: Relay | null = null;
  t.after(async () => {
    await next?.close();
    await sink.close();
    await redis.stop();
  });
  const port = await freePort();
  const first = await spawnRelay(t, { redisUrl: redis.url, port, env });
  const threadId = await absentPatient(first.url, 'patient@example.org');
  const admin = await connectStaff(first.url, 'admin@demo.clinic', TEST_PASSWORD);
  await ok(admin, 'message:send', { threadId, clientId: newClientMessageId(), text: REPLY });
  admin.close();
  const arrived = sink.next((item) => item.to.includes('patient@example.org'));
  await first.signal('SIGKILL');

  next = await startTestRelay({ redis, env });
  const mail = await arrived;
  assert.ok(!mail.text.includes(REPLY));
  assert.match(mail.text, /\/c\/[A-Za-z0-9_-]{22}/);
});
