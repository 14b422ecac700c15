// The wire as another client (say a mobile app) would speak it, without socket.io-client:
// Engine.IO v4 long-polling carrying Socket.IO v5 packets. If this passes, protocol/README.md's
// description of frames is true.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';

let relay: TestRelay;
before(async () => {
  relay = await startTestRelay();
});
after(async () => {
  await relay.stop();
});

const RECORD_SEPARATOR = '\x1e';

function polling(sid?: string) {
  const url = `${relay.url}/socket.io/?EIO=4&transport=polling${sid ? `&sid=${sid}` : ''}`;
  const headers = { origin: relay.url };
  return {
    async get(): Promise<string[]> {
      return (await (await fetch(url, { headers })).text()).split(RECORD_SEPARATOR);
    },
    async post(...packets: string[]): Promise<void> {
      const response = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' }, body: packets.join(RECORD_SEPARATOR) });
      assert.equal(await response.text(), 'ok');
    },
  };
}

/** Reads until a packet matching `prefix` arrives (the server may interleave pings and events). */
async function receive(channel: ReturnType<typeof polling>, prefix: string): Promise<string> {
  for (;;) {
    for (const packet of await channel.get()) {
      if (packet === '2') await channel.post('3');
      if (packet.startsWith(prefix)) return packet.slice(prefix.length);
    }
  }
}

test('a client speaking raw Engine.IO/Socket.IO frames can connect, open a thread, send, and get coded errors', async () => {
  const [open] = await polling().get();
  assert.match(open!, /^0\{/);
  const { sid } = JSON.parse(open!.slice(1)) as { sid: string };
  const channel = polling(sid);

  await channel.post('40/visitor,{"siteKey":"demo"}');
  const connected = JSON.parse(await receive(channel, '40/visitor,')) as { sid: string };
  assert.equal(typeof connected.sid, 'string');
  const [event, session] = JSON.parse(await receive(channel, '42/visitor,')) as [string, { token: string; clinic: { name: string } }];
  assert.equal(event, 'session');
  assert.match(session.token, /^[A-Za-z0-9_-]{43}$/);

  await channel.post('42/visitor,1["thread:open",{"kind":"general"}]');
  const [opened] = JSON.parse(await receive(channel, '43/visitor,1')) as [{ ok: { thread: { id: string } } }];
  const threadId = opened.ok.thread.id;

  await channel.post(`42/visitor,2["message:send",{"threadId":"${threadId}","clientId":"raw-client-0001","text":"hello from the wire"}]`);
  const [sent] = JSON.parse(await receive(channel, '43/visitor,2')) as [{ ok: { id: string; at: number } }];
  assert.match(sent.ok.id, /^\d+-\d+$/);

  await channel.post('42/visitor,3["message:send","garbage"]');
  const [refused] = JSON.parse(await receive(channel, '43/visitor,3')) as [{ error: { code: string; message: string } }];
  assert.equal(refused.error.code, 'BAD_REQUEST');

  await channel.post('42/visitor,4["message:history",{"threadId":"' + threadId + '"}]');
  const [page] = JSON.parse(await receive(channel, '43/visitor,4')) as [{ ok: { messages: { text: string }[] } }];
  assert.deepEqual(
    page.ok.messages.map((m) => m.text),
    ['hello from the wire'],
  );
});
