import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { newClientMessageId } from '../../protocol/ids.ts';
import { loadConfig } from '../config.ts';
import { startRelay } from '../relay-server.ts';
import { createLogger, serializeError } from '../logger.ts';
import { seedDemo } from '../demo-seed.ts';
import { startTestRedis, TEST_PASSWORD, logSink } from '../testing/harness.ts';
import { call, connectStaff, connectVisitor, ok } from '../testing/clients.ts';

test('logs at the most verbose level carry no message text, names or e-mail addresses', async () => {
  const logs = logSink();
  const sink = logs.stream;
  const redis = await startTestRedis();
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'trace' });
  const relay = await startRelay(config, redis.url, createLogger(config, sink));
  try {
    await seedDemo(relay.stores, relay.port, TEST_PASSWORD);
    const patient = await connectVisitor(relay.url);
    const admin = await connectStaff(relay.url, 'admin@demo.clinic', TEST_PASSWORD);
    const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
    const secret = 'У меня болит живот, телефон +7 900 123-45-67';
    await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: secret });
    await ok(admin, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: 'Reply with a diagnosis-free answer' });
    await patient.socket.emitWithAck('message:send', { threadId: thread.id, clientId: 'bad' as never, text: secret });
    // A booking request's phone (issue 13 §3), accepted and refused.
    const booking = {
      threadId: thread.id,
      clientId: newClientMessageId(),
      day: new Date().toISOString().slice(0, 10),
      time: '10:00',
      phone: '+7 901 765-43-21',
    };
    await ok(patient.socket, 'booking:request', booking);
    await patient.socket.emitWithAck('booking:request', { ...booking, time: 'soon' });
    await fetch(`${relay.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@demo.clinic', password: 'wrong-password-x' }),
    });
    patient.socket.close();
    admin.close();
  } finally {
    await relay.close();
    await redis.stop();
  }
  assert.ok(logs.logged().length > 0, 'the relay logged something');
  for (const forbidden of [
    'болит',
    '+7 900',
    '765-43',
    '79017654321',
    'diagnosis-free',
    'admin@demo.clinic',
    'owner@demo.clinic',
    'Анна Козлова',
    TEST_PASSWORD,
    'wrong-password-x',
  ]) {
    assert.ok(!logs.logged().includes(forbidden), `logs contain "${forbidden}"`);
  }
});

test('a Redis reply error during a send (maxmemory reached) logs a code and never the message text the command carried', async (t) => {
  const logs = logSink();
  const sink = logs.stream;
  const redis = await startTestRedis();
  t.after(() => redis.stop());
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'trace' });
  const relay = await startRelay(config, redis.url, createLogger(config, sink));
  t.after(() => relay.close());
  await seedDemo(relay.stores, relay.port, TEST_PASSWORD);
  const patient = await connectVisitor(relay.url);
  t.after(() => patient.socket.close());
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });

  const admin = new Redis(redis.url);
  t.after(() => admin.quit());
  await admin.config('SET', 'maxmemory-policy', 'noeviction');
  await admin.config('SET', 'maxmemory', '1');
  const secret = 'Сыпь на руке после антибиотика, Иван Петров';
  const refused = await call(patient.socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: secret });
  await admin.config('SET', 'maxmemory', '0');

  assert.equal(refused.error?.code, 'INTERNAL', JSON.stringify(refused));
  assert.ok(!JSON.stringify(refused).includes('Сыпь'), 'the ack carries no text');
  // The failing path was reached and logged…
  assert.match(logs.logged(), /OOM/);
  // …without the text, the preview or the name the command carried.
  for (const forbidden of ['Сыпь', 'антибиотика', 'Иван Петров']) assert.ok(!logs.logged().includes(forbidden), `logs contain "${forbidden}"`);
});

test('the error serializer keeps code, type, message and frames, and drops what an error carries', () => {
  const secret = 'головная боль три дня';
  const reply = Object.assign(new Error('OOM command not allowed when used memory > maxmemory.'), { command: { name: 'evalsha', args: ['sha', '3', secret] } });
  let parseError: unknown;
  try {
    JSON.parse(`{"text": "${secret}"`);
  } catch (error) {
    parseError = error;
  }
  const wrapped = new Error('handler failed', { cause: parseError });
  for (const error of [reply, wrapped]) {
    const serialized = JSON.stringify(serializeError(error));
    assert.ok(!serialized.includes('головная'), serialized);
  }
  assert.deepEqual(Object.keys(serializeError(reply)).sort(), ['message', 'stack', 'type']);
  assert.equal(serializeError(wrapped).cause?.type, 'SyntaxError');
});
