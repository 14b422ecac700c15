/**
 * Web Push to staff (issue 12 §1, §4) against a push service played by a local HTTP server:
 * the subscription is stored, a patient's message makes the relay POST an aes128gcm
 * payload signed with its VAPID key (kept in Redis), and decrypting it with the
 * subscription's keys (RFC 8291) shows only the thread and its pseudonym.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createDecipheriv, createECDH, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { newClientMessageId as clientId } from '../../protocol/ids.ts';
import { relayForFile } from '../testing/file-fixtures.ts';
import { call, ok } from '../testing/clients.ts';
import { keys } from '../store/keys.ts';
import { connectRedis } from '../store/redis-client.ts';

const file = relayForFile();
const staff = file.open.staff;

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** The browser's side of RFC 8291: decrypt an aes128gcm push body with the subscription's private key and auth secret. */
function decrypt(body: Buffer, receiver: ReturnType<typeof createECDH>, auth: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20]!;
  const senderKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const secret = receiver.computeSecret(senderKey);
  const prkKey = hmac(auth, secret);
  const ikm = hmac(prkKey, Buffer.concat([Buffer.from('WebPush: info\0'), receiver.getPublicKey(), senderKey, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(-16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, -16)), decipher.final()]);
  // The last record ends with 0x02 and optional zero padding.
  return padded.subarray(0, padded.lastIndexOf(2)).toString('utf8');
}

/** A push service on a free port, closed after the test: what it received, and the first push's arrival. */
async function startPushService(t: TestContext) {
  const received: { headers: IncomingMessage['headers']; body: Buffer }[] = [];
  let pushed: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (pushed = resolve));
  const pushService = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(201).end();
      pushed();
    });
  });
  pushService.listen(0, '127.0.0.1');
  await once(pushService, 'listening');
  t.after(() => pushService.close());
  return { received, arrived, endpoint: `http://127.0.0.1:${(pushService.address() as AddressInfo).port}/push/abc` };
}

test('a patient message reaches a subscribed colleague as a push holding only the thread and its pseudonym', async (t) => {
  const { received, arrived, endpoint } = await startPushService(t);

  const receiver = createECDH('prime256v1');
  receiver.generateKeys();
  const auth = randomBytes(16);
  const admin = await staff('admin@demo.clinic');
  const { publicKey } = await ok(admin, 'push:key', {});
  assert.equal((await ok(await staff('owner@demo.clinic'), 'push:key', {})).publicKey, publicKey, 'one key pair for the clinic and every relay');
  await ok(admin, 'push:subscribe', { endpoint, keys: { p256dh: receiver.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } });
  assert.equal(
    (await call(admin, 'push:subscribe', { endpoint: 'ftp://example.org/x', keys: { p256dh: 'aaaaaaaaaa', auth: 'aaaaaaaaaa' } })).error?.code,
    'BAD_REQUEST',
  );

  const patient = await file.open.patient();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'visitor:identify', { name: 'Мария Секретова', phone: '+7 900 111-22-33' });
  const secret = 'Кровь из десны третий день';
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: secret });
  await arrived;

  const [push] = received;
  assert.equal(push!.headers['content-encoding'], 'aes128gcm');
  assert.match(String(push!.headers.authorization), new RegExp(`^vapid t=.+, k=${publicKey}$`));
  const payload = JSON.parse(decrypt(push!.body, receiver, auth)) as Record<string, unknown>;
  assert.deepEqual(Object.keys(payload).sort(), ['threadId', 'title']);
  assert.equal(payload.threadId, thread.id);
  assert.match(String(payload.title), /^Пациент #\d{4}$/, 'the pseudonym, not the name the patient gave');
  for (const text of [secret, 'Мария', 'Секретова', '900']) assert.ok(!JSON.stringify(payload).includes(text));

  await ok(admin, 'push:unsubscribe', { endpoint });
});

test('a subscription stored before the clinic kept its list of subscribed staff counts once its owner’s console connects', async (t) => {
  const { received, arrived, endpoint } = await startPushService(t);
  const receiver = createECDH('prime256v1');
  receiver.generateKeys();
  const owner = (await file.relay.stores.staff.findByEmail('owner@demo.clinic'))!;
  const redis = connectRedis(file.relay.redis.url);
  t.after(async () => {
    await redis.del(keys.pushSubscriptions(owner.id), keys.pushStaff(owner.clinicId));
    redis.disconnect();
  });
  // As an older relay stored it: the member's hash alone.
  const subscription = { endpoint, keys: { p256dh: receiver.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') } };
  await redis.hset(keys.pushSubscriptions(owner.id), endpoint, JSON.stringify(subscription));
  await staff('owner@demo.clinic');

  const patient = await file.open.patient();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'hello' });
  await arrived;
  assert.equal(received.length, 1);
});
