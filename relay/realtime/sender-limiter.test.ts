import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VisitorId } from '../../protocol/ids.ts';
import { storesForFile } from '../testing/file-fixtures.ts';
import { createSenderLimiter, senderCounterKeys, visitorSender } from './sender-limiter.ts';

const file = storesForFile();
const LIMITS = { messages: 30, events: 60, windowMs: 10_000 };

let count = 0;
const newSender = () => visitorSender(`visitor${String((count += 1)).padStart(15, '0')}` as VisitorId);

test('a burst of 500 sends from one sender gets exactly its budget, and only the budget reaches Redis', async () => {
  const limiter = createSenderLimiter(file.redis, LIMITS);
  const sender = newSender();
  const answers = await Promise.all(Array.from({ length: 500 }, () => limiter.take(sender, true)));
  assert.equal(answers.filter(Boolean).length, LIMITS.messages);
  const [events, messages] = senderCounterKeys(sender);
  // The rest were refused from memory: Redis counted no more than the budget.
  assert.equal(await file.redis.get(messages), String(LIMITS.messages));
  assert.equal(await file.redis.get(events), String(LIMITS.messages));
});

test('a second relay shares the budget through Redis: what one spent, the other refuses', async () => {
  const one = createSenderLimiter(file.redis, LIMITS);
  const other = createSenderLimiter(file.redis, LIMITS);
  const sender = newSender();
  for (let i = 0; i < 20; i++) assert.equal(await one.take(sender, true), true);
  const answers = await Promise.all(Array.from({ length: 20 }, () => other.take(sender, true)));
  assert.equal(answers.filter(Boolean).length, 10);
  assert.equal(await one.take(sender, true), false);
});

test('the window ends for the relay when it ends in Redis', async () => {
  let now = 1_000_000;
  const limiter = createSenderLimiter(file.redis, { ...LIMITS, messages: 1 }, () => now);
  const sender = newSender();
  assert.equal(await limiter.take(sender, true), true);
  assert.equal(await limiter.take(sender, true), false);
  // Redis's window ends (as after 10 s); this relay's clock says so too.
  await file.redis.del(...senderCounterKeys(sender));
  now += LIMITS.windowMs;
  assert.equal(await limiter.take(sender, true), true);
});
