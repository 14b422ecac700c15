import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDeliveryTracker, quantile } from './delivery-tracker.ts';

test('quantile picks the nearest rank, so p99 of 100 samples is the 99th', () => {
  const samples = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(quantile(samples, 0.5), 50);
  assert.equal(quantile(samples, 0.99), 99);
  assert.equal(quantile(samples, 1), 100);
  assert.equal(quantile([], 0.5), null);
});

test('a message delivered twice counts once as delivered and once as duplicated; one never delivered is lost', () => {
  const tracker = createDeliveryTracker();
  for (const id of ['a', 'b', 'c']) tracker.sent(id);
  tracker.acked(true);
  tracker.acked(false);
  assert.equal(tracker.delivered('a'), true);
  assert.equal(tracker.delivered('a'), false);
  assert.equal(tracker.delivered('b'), true);
  assert.equal(tracker.delivered('not-sent-here'), false);

  const figures = tracker.figures();
  assert.equal(figures.sent, 3);
  assert.equal(figures.acked, 1);
  assert.equal(figures.ackErrors, 1);
  assert.equal(figures.delivered, 2);
  assert.equal(figures.duplicated, 1);
  assert.equal(figures.lost, 1);
  assert.ok(figures.p50Ms !== null && figures.p50Ms >= 0);
});
