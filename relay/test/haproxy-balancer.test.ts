/**
 * Two relays (RELAY_ADAPTER=redis-streams) behind Debian's HAProxy with the shipped
 * deploy/haproxy.cfg (issue 14 §2): WebSocket connections go round robin with no
 * stickiness and still reach each other live; a long-polling client is kept on one relay
 * by the source-hash backend and works end to end.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { NAMESPACES } from '../../protocol/events.ts';
import { newClientMessageId } from '../../protocol/ids.ts';
import type { Message } from '../../protocol/model.ts';
import { DEMO_SITE_KEY } from '../demo-seed.ts';
import { freePort, type LocalRedis } from '../store/local-redis-server.ts';
import { connectStaff, connectVisitor, nextEvent, ok, type VisitorSocket } from '../testing/clients.ts';
import { startTestRedis, startTestRelay, type TestRelay } from '../testing/harness.ts';
import { startHaproxy, type Haproxy } from '../testing/haproxy.ts';

const configFile = fileURLToPath(new URL('../../deploy/haproxy.cfg', import.meta.url));

let redis: LocalRedis;
let relays: TestRelay[] = [];
let balancer: Haproxy;

before(async () => {
  redis = await startTestRedis();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { RELAY_ADAPTER: 'redis-streams', PUBLIC_URL: url };
  // One after the other: the first seeds the demo clinic, the second finds it.
  relays = [await startTestRelay({ redis, env })];
  relays.push(await startTestRelay({ redis, env }));
  balancer = await startHaproxy({
    configFile,
    url,
    env: {
      CLINIC_CHAT_BIND: `127.0.0.1:${port}`,
      CLINIC_CHAT_RELAY1: `127.0.0.1:${relays[0]!.port}`,
      CLINIC_CHAT_RELAY2: `127.0.0.1:${relays[1]!.port}`,
    },
  });
});

after(async () => {
  await balancer?.stop();
  for (const relay of relays) await relay.stop();
  await redis?.stop();
});

test('without sticky sessions, WebSocket clients are spread over both relays and reach each other live', async () => {
  const servedBy = new Set<string | null>();
  for (let i = 0; i < 4; i += 1) servedBy.add((await fetch(`${balancer.url}/healthz`)).headers.get('x-served-by'));
  assert.deepEqual([...servedBy].sort(), ['relay1', 'relay2'], 'round robin');

  // Round robin: these three land on both relays, and only the adapter carries messages between them.
  const patient = await connectVisitor(balancer.url);
  const admin = await connectStaff(balancer.url, 'admin@demo.clinic', relays[0]!.password);
  const otherTab = await connectVisitor(balancer.url, { token: patient.token });
  try {
    const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
    const atStaff = nextEvent<Message>(admin, 'message', (m) => m.threadId === thread.id);
    const atOtherTab = nextEvent<Message>(otherTab.socket, 'message', (m) => m.threadId === thread.id);
    const sent = await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: 'through the balancer' });
    assert.equal((await atStaff).id, sent.id);
    assert.equal((await atOtherTab).id, sent.id);
  } finally {
    for (const socket of [patient.socket, otherTab.socket, admin]) socket.close();
  }
});

test('a long-polling client stays on one relay through the source-hash backend and sends and receives', async () => {
  const admin = await connectStaff(balancer.url, 'admin@demo.clinic', relays[0]!.password);
  const socket: VisitorSocket = io(`${balancer.url}${NAMESPACES.visitor}`, {
    auth: { siteKey: DEMO_SITE_KEY },
    transports: ['polling'],
    extraHeaders: { origin: balancer.url },
    forceNew: true,
    reconnection: false,
  });
  try {
    await nextEvent(socket, 'session');
    const { thread } = await ok(socket, 'thread:open', { kind: 'general' });
    const sent = await ok(socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: 'over long-polling' });
    // Its own message comes back in the ack; what others write comes as a push.
    const pushed = nextEvent<Message>(socket, 'message', (m) => m.threadId === thread.id);
    const reply = await ok(admin, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: 'answered' });
    assert.equal((await pushed).id, reply.id);
    const history = await ok(socket, 'message:history', { threadId: thread.id });
    assert.deepEqual(
      history.messages.map((m) => m.id),
      [sent.id, reply.id],
    );
    assert.equal(socket.io.engine.transport.name, 'polling');
  } finally {
    socket.close();
    admin.close();
  }
});
