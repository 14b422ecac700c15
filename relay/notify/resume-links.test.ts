import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import type { ClinicId, VisitorId } from '../../protocol/stream-ids.ts';
import { isResumeCode } from '../../protocol/links.ts';
import { hashSecret, newEntityId } from '../store/random-ids.ts';
import { startTestRedis } from '../testing/harness.ts';
import { notifyKeys } from './notify-keys.ts';
import { createResumeLinks } from './resume-links.ts';

async function redisFor(t: TestContext): Promise<Redis> {
  const server = await startTestRedis();
  const redis = new Redis(server.url);
  t.after(async () => {
    redis.disconnect();
    await server.stop();
  });
  return redis;
}

const patient = () => ({ clinicId: newEntityId<ClinicId>(), visitorId: newEntityId<VisitorId>() });

test('a resume code works once; a second use and a guessed code get nothing', async (t) => {
  const links = createResumeLinks(await redisFor(t));
  const payload = patient();
  const code = await links.create(payload);
  assert.ok(isResumeCode(code), code);
  assert.deepEqual(await links.consume(code), payload);
  assert.equal(await links.consume(code), null, 'second use');
  assert.equal(await links.consume(newEntityId()), null, 'a guessed code of the right shape');
  assert.equal(await links.consume('../../etc/passwd'), null, 'a malformed code');
});

test('two browsers opening one link at once: exactly one gets the patient', async (t) => {
  const links = createResumeLinks(await redisFor(t));
  const code = await links.create(patient());
  const results = await Promise.all(Array.from({ length: 10 }, () => links.consume(code)));
  assert.equal(results.filter((r) => r !== null).length, 1);
});

test('codes are stored only as their hash, expiring after the link TTL', async (t) => {
  const redis = await redisFor(t);
  const links = createResumeLinks(redis, { ttlSeconds: 3600 });
  const payload = patient();
  const code = await links.create(payload);
  const keys = await redis.keys('*');
  assert.deepEqual(keys, [notifyKeys.resumeCode(hashSecret(code))]);
  assert.ok(!keys[0]!.includes(code));
  assert.ok(!(await redis.get(keys[0]!))!.includes(code));
  const ttl = await redis.ttl(keys[0]!);
  assert.ok(ttl > 3590 && ttl <= 3600, `ttl ${ttl}`);
});

test('an expired code gets nothing', async (t) => {
  const redis = await redisFor(t);
  const links = createResumeLinks(redis);
  const code = await links.create(patient());
  // Expiry as Redis applies it when the TTL runs out, without waiting seven days.
  await redis.pexpireat(notifyKeys.resumeCode(hashSecret(code)), Date.now() - 1);
  assert.equal(await links.consume(code), null);
});

test('link lookups are limited per client address within a window', async (t) => {
  const redis = await redisFor(t);
  const links = createResumeLinks(redis, { lookupsPerWindow: 3, windowSeconds: 60 });
  const answers = [];
  for (let i = 0; i < 5; i++) answers.push(await links.allowLookup('203.0.113.7'));
  assert.deepEqual(answers, [true, true, true, false, false]);
  assert.equal(await links.allowLookup('198.51.100.2'), true, 'another address has its own budget');
  const key = notifyKeys.resumeLookups(hashSecret('203.0.113.7'));
  assert.ok((await redis.ttl(key)) <= 60 && (await redis.ttl(key)) > 0, 'the window expires');
  assert.ok(!(await redis.keys('*')).some((k) => k.includes('203.0.113.7')), 'addresses are not stored in the clear');
});
