import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { newClientMessageId } from '../../protocol/ids.ts';
import { loadConfig } from '../config.ts';
import { createLogger, startRelay } from '../relay-server.ts';
import { seedDemo } from '../demo-seed.ts';
import { startTestRedis, TEST_PASSWORD } from '../testing/harness.ts';
import { connectStaff, connectVisitor, ok } from '../testing/clients.ts';

test('logs at the most verbose level carry no message text, names or e-mail addresses', async () => {
  let logged = '';
  const sink = new Writable({ write(chunk: Buffer, _encoding, done) { logged += chunk.toString(); done(); } });
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
    await fetch(`${relay.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'owner@demo.clinic', password: 'wrong-password-x' }) });
    patient.socket.close();
    admin.close();
  } finally {
    await relay.close();
    await redis.stop();
  }
  assert.ok(logged.length > 0, 'the relay logged something');
  for (const forbidden of ['болит', '+7 900', 'diagnosis-free', 'admin@demo.clinic', 'owner@demo.clinic', 'Анна Козлова', TEST_PASSWORD, 'wrong-password-x']) {
    assert.ok(!logged.includes(forbidden), `logs contain "${forbidden}"`);
  }
});
