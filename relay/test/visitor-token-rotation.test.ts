import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectVisitor, ok } from '../testing/clients.ts';
import { relayForFile } from '../testing/file-fixtures.ts';
import { keys } from '../store/keys.ts';
import { hashSecret } from '../store/random-ids.ts';
import { connectRedis } from '../store/redis-client.ts';
import { TOKEN_ROTATION } from '../store/visitor-store.ts';

const file = relayForFile();
const tokenKey = (token: string) => keys.visitorByToken(hashSecret(token));

/** Runs `step` with a Redis connection of the test's own (the test's clock: it ages and ends records). */
async function withRedis<T>(step: (redis: ReturnType<typeof connectRedis>) => Promise<T>): Promise<T> {
  const redis = connectRedis(file.relay.redis.url);
  try {
    return await step(redis);
  } finally {
    redis.disconnect();
  }
}

/** Moves a token's issue time back past the rotation age, as if it had been issued long ago. */
const age = (token: string) =>
  withRedis(async (redis) => {
    const [id, , device] = (await redis.get(tokenKey(token)))!.split(' ');
    await redis.set(tokenKey(token), `${id} ${Date.now() - TOKEN_ROTATION.rotateAfterMs - 1} ${device}`, 'KEEPTTL');
  });

/** Ends a rotated token's grace period now, as the clock would after it. */
const endGrace = (token: string) =>
  withRedis(async (redis) => {
    const ttl = await redis.ttl(tokenKey(token));
    assert.ok(ttl > 0 && ttl <= TOKEN_ROTATION.graceSeconds, `the rotated token lives on for the grace period only (ttl ${ttl} s)`);
    await redis.del(tokenKey(token));
  });

test('a fresh token is not rotated: the handshake sends no new one', async () => {
  const first = await file.open.patient();
  const again = await file.open.patient({ token: first.token });
  assert.equal(again.session.token, undefined);
});

test('an old token is rotated: the new one reaches the same conversation, the old one works for the grace period, then is refused with TOKEN_INVALID', async () => {
  const first = await file.open.patient();
  const { thread } = await ok(first.socket, 'thread:open', { kind: 'general' });
  await age(first.token);

  const rotated = await file.open.patient({ token: first.token });
  assert.ok(rotated.session.token, 'the session carries a new token');
  assert.notEqual(rotated.token, first.token);
  assert.deepEqual(
    (await ok(rotated.socket, 'thread:list', {})).threads.map((t) => t.id),
    [thread.id],
  );
  // Another tab that reconnected with the old token meanwhile is still let in (and gets a token of its own).
  const otherTab = await file.open.patient({ token: first.token });
  assert.deepEqual(
    (await ok(otherTab.socket, 'thread:list', {})).threads.map((t) => t.id),
    [thread.id],
  );
  // The new token is fresh: it is not rotated again at the next reconnect.
  assert.equal((await file.open.patient({ token: rotated.token })).session.token, undefined);

  await endGrace(first.token);
  await assert.rejects(connectVisitor(file.relay.url, { token: first.token }), { message: 'TOKEN_INVALID' });
  assert.ok(await file.open.patient({ token: rotated.token }));
});

test('a rotated token of a patient who wrote is kept like the old one: it has no expiry', async () => {
  const first = await file.open.patient();
  await ok(first.socket, 'thread:open', { kind: 'general' });
  await age(first.token);
  const rotated = await file.open.patient({ token: first.token });
  assert.equal(await withRedis((redis) => redis.ttl(tokenKey(rotated.token))), -1);
});

test('a token issued before rotation existed (the visitor id alone) is rotated at its next handshake and keeps the conversation', async () => {
  const first = await file.open.patient();
  const { thread } = await ok(first.socket, 'thread:open', { kind: 'general' });
  await withRedis(async (redis) => {
    const [id] = (await redis.get(tokenKey(first.token)))!.split(' ');
    await redis.set(tokenKey(first.token), id!, 'KEEPTTL');
  });
  const rotated = await file.open.patient({ token: first.token });
  assert.ok(rotated.session.token);
  assert.deepEqual(
    (await ok(rotated.socket, 'thread:list', {})).threads.map((t) => t.id),
    [thread.id],
  );
});

test('“Forget this device” ends this browser’s tokens (the one rotated away too) and sockets; the patient’s other device keeps going', async () => {
  const laptop = await file.open.patient();
  const { thread } = await ok(laptop.socket, 'thread:open', { kind: 'general' });
  const { visitorId, clinicId } = (await file.relay.stores.threads.get(thread.id))!;
  // The phone, as a resume link binds it: a token of its own for the same patient.
  const phoneToken = (await file.relay.stores.visitors.issueFor(visitorId, clinicId))!.token;
  const phone = await file.open.patient({ token: phoneToken });
  await age(laptop.token);
  const laptopNow = await file.open.patient({ token: laptop.token });
  const closed = [laptop, laptopNow].map((tab) => new Promise((resolve) => tab.socket.once('disconnect', resolve)));

  assert.deepEqual(await ok(laptopNow.socket, 'visitor:forget', {}), {});
  await Promise.all(closed);
  for (const token of [laptop.token, laptopNow.token]) {
    await assert.rejects(connectVisitor(file.relay.url, { token }), { message: 'TOKEN_INVALID' });
  }
  assert.ok(phone.socket.connected);
  assert.deepEqual(
    (await ok(phone.socket, 'thread:list', {})).threads.map((t) => t.id),
    [thread.id],
  );
});
