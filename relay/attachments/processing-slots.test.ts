import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSlots } from './processing-slots.ts';

test('no more than the slots run at once; the rest start in order as slots free, also after a failure', async () => {
  const inSlot = createSlots(2);
  const started: number[] = [];
  const finish: (() => void)[] = [];
  const fail: (() => void)[] = [];
  const jobs = [0, 1, 2, 3].map((i) =>
    inSlot(
      () =>
        new Promise<number>((resolve, reject) => {
          started.push(i);
          finish[i] = () => resolve(i);
          fail[i] = () => reject(new Error(`job ${i}`));
        }),
    ),
  );
  await Promise.resolve();
  assert.deepEqual(started, [0, 1]);
  fail[0]!();
  await assert.rejects(jobs[0]!, /job 0/);
  assert.deepEqual(started, [0, 1, 2]);
  finish[1]!();
  assert.equal(await jobs[1], 1);
  assert.deepEqual(started, [0, 1, 2, 3]);
  finish[2]!();
  finish[3]!();
  assert.deepEqual(await Promise.all(jobs.slice(2)), [2, 3]);
});
