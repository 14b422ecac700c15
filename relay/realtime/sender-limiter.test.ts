import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VisitorId } from '../../protocol/ids.ts';
import { storesForFile } from '../testing/file-fixtures.ts';
import { createSenderLimiter, senderCounterKeys, visitorSender } from './sender-limiter.ts';

const file = storesForFile();
const LIMITS = { messages: 30, events: 60, windowMs: 10_000, refusals: 10 };
/** A relay takes a tenth of a budget from Redis at a time. */
const MESSAGES_SHARE = 3;
const EVENTS_SHARE = 6;

let count = 0;
const newSender = () => visitorSender(`visitor${String((count += 1)).padStart(15, '0')}` as VisitorId);

/** Counts the script calls Redis runs while `work` does. */
async function scriptCalls(work: () => Promise<unknown>): Promise<number> {
  const calls = async () =>
    Number(/calls=(\d+)/.exec((await file.redis.info('commandstats')).split('\n').find((line) => line.startsWith('cmdstat_evalsha:')) ?? '')?.[1] ?? 0);
  const before = await calls();
  await work();
  return (await calls()) - before;
}

test('a burst of 500 sends from one sender gets exactly its budget, in a few calls to Redis', async () => {
  const limiter = createSenderLimiter(file.redis, LIMITS);
  const sender = newSender();
  let answers: boolean[] = [];
  const calls = await scriptCalls(async () => {
    answers = await Promise.all(Array.from({ length: 500 }, () => limiter.take(sender, true)));
  });
  assert.equal(answers.filter(Boolean).length, LIMITS.messages);
  // One call per share of either budget (both in one call when both ran out), and one that is
  // refused; the other sends waited for them.
  assert.ok(calls <= LIMITS.messages / MESSAGES_SHARE + LIMITS.messages / EVENTS_SHARE + 2, `${calls} calls`);
  assert.equal(await limiter.take(sender, true), false, 'refused from memory until the window ends');
});

test('a second relay shares the budget through Redis: together they never pass it', async () => {
  const one = createSenderLimiter(file.redis, LIMITS);
  const other = createSenderLimiter(file.redis, LIMITS);
  const sender = newSender();
  for (let i = 0; i < 20; i++) assert.equal(await one.take(sender, true), true);
  const answers = await Promise.all(Array.from({ length: 20 }, () => other.take(sender, true)));
  const accepted = answers.filter(Boolean).length;
  // What `one` took and has not spent (less than a share) is the most the sender can lose.
  assert.ok(accepted <= LIMITS.messages - 20 && accepted > LIMITS.messages - 20 - MESSAGES_SHARE, `${accepted} accepted`);
  let rest = 0;
  while (await one.take(sender, true)) rest += 1;
  assert.ok(20 + accepted + rest <= LIMITS.messages);
  assert.ok(Number(await file.redis.get(senderCounterKeys(sender)[1])) >= 20 + accepted + rest);
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

test('a sender past its refusals over all its sockets is told so at each further refusal, until the window ends', () => {
  let now = 1_000_000;
  const limiter = createSenderLimiter(file.redis, LIMITS, () => now);
  const sender = newSender();
  for (let i = 0; i < LIMITS.refusals; i++) assert.equal(limiter.refused(sender), false);
  assert.equal(limiter.refused(sender), true);
  assert.equal(limiter.refused(newSender()), false, 'another sender has its own count');
  now += LIMITS.windowMs;
  assert.equal(limiter.refused(sender), false);
});
