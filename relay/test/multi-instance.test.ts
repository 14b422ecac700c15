import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newClientMessageId } from '../../protocol/ids.ts';
import type { Message } from '../../protocol/model.ts';
import { startTestRedis, startTestRelay } from '../testing/harness.ts';
import { connectStaff, connectVisitor, nextEvent, ok } from '../testing/clients.ts';

test('with the redis-streams adapter, a message sent to one relay instance reaches sockets on another live', async () => {
  const redis = await startTestRedis();
  const env = { RELAY_ADAPTER: 'redis-streams' };
  const a = await startTestRelay({ redis, env });
  const b = await startTestRelay({ redis, env });
  // The demo clinic allows each relay's own origin; a patient page on A talks to A.
  try {
    const patient = await connectVisitor(a.url);
    const otherTab = await connectVisitor(b.url, { token: patient.token, origin: b.url });
    const admin = await connectStaff(b.url, 'admin@demo.clinic', b.password);
    const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
    const atStaff = nextEvent<Message>(admin, 'message', (m) => m.threadId === thread.id);
    const atOtherTab = nextEvent<Message>(otherTab.socket, 'message', (m) => m.threadId === thread.id);
    const sent = await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: 'across instances' });
    assert.equal((await atStaff).id, sent.id);
    assert.equal((await atOtherTab).id, sent.id);
    const atPatient = nextEvent<Message>(patient.socket, 'message', (m) => m.threadId === thread.id && m.author.kind === 'staff');
    const reply = await ok(admin, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: 'reply from B' });
    assert.equal((await atPatient).id, reply.id);
    for (const s of [patient.socket, otherTab.socket, admin]) s.close();
  } finally {
    await a.stop();
    await b.stop();
    await redis.stop();
  }
});
