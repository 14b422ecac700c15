/**
 * The outbox's order is the order messages are sent in: messages written within one
 * millisecond (an integrator's UI sending several at once), or after the clock stepped
 * back, must still leave in the order they were written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newClientMessageId } from '../../protocol/stream-ids.ts';
import { Outbox } from './outbox.ts';
import { VisitorStorage } from './visitor-storage.ts';

const outbox = () => new Outbox(new VisitorStorage('site-key', null));
const message = (text: string) => ({ clientId: newClientMessageId(), slot: { kind: 'general' as const }, threadId: null, text });

test('messages written within the same millisecond leave in the order they were written', () => {
  const box = outbox();
  const texts = Array.from({ length: 20 }, (_, i) => `message ${i}`);
  for (const text of texts) box.add(message(text), 1_000);
  assert.deepEqual(
    box.entries().map((entry) => entry.text),
    texts,
  );
});

test('a message written after the clock stepped back still leaves after the earlier ones', () => {
  const box = outbox();
  box.add(message('first'), 5_000);
  box.add(message('second'), 4_000);
  assert.deepEqual(
    box.entries().map((entry) => entry.text),
    ['first', 'second'],
  );
});
