import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamId, ThreadId } from '../../protocol/stream-ids.ts';
import type { HistoryPage, HistoryRequest } from '../../protocol/requests.ts';
import type { Message } from '../../protocol/model.ts';
import { backoff, catchUp, isRetryable } from './client-core.ts';

const threadId = 't'.repeat(22) as ThreadId;
const message = (n: number) =>
  ({
    id: `${n}-0`,
    threadId,
    at: n,
    type: 'text',
    clientId: `client-${n}`,
    author: { kind: 'patient' },
    text: `m${n}`,
  }) as Message;

/** A relay's history of messages 1..count, answered `size` at a time. */
function history(count: number, size: number, resetAfter?: string) {
  const asked: HistoryRequest[] = [];
  const fetchPage = async (request: HistoryRequest): Promise<HistoryPage> => {
    asked.push(request);
    if (request.after === resetAfter) return { messages: [], cursor: null, oldest: null, hasMore: false, reset: true };
    const from = request.after ? Number(request.after.split('-')[0]) : 0;
    const messages = Array.from({ length: Math.max(0, Math.min(size, count - from)) }, (_, i) => message(from + i + 1));
    const cursor = (messages.at(-1)?.id ?? request.after ?? null) as StreamId | null;
    return { messages, cursor, oldest: messages[0]?.id ?? null, hasMore: from + messages.length < count, reset: false };
  };
  return { asked, fetchPage };
}

test('catching up asks page after page until the relay has no more, each after the last id reached', async () => {
  const { asked, fetchPage } = history(5, 2);
  const seen: string[] = [];
  const complete = await catchUp(fetchPage, threadId, '1-0' as StreamId, (page, reached) => {
    seen.push(...page.messages.map((m) => m.id));
    assert.equal(reached, page.messages.at(-1)?.id);
  });
  assert.equal(complete, true);
  assert.deepEqual(seen, ['2-0', '3-0', '4-0', '5-0']);
  assert.deepEqual(
    asked.map((r) => r.after),
    ['1-0', '3-0'],
  );
});

test('catching up reports a retention reset instead of taking its page', async () => {
  const { fetchPage } = history(5, 2, '1-0');
  let taken = 0;
  assert.equal(await catchUp(fetchPage, threadId, '1-0' as StreamId, () => taken++), false);
  assert.equal(taken, 0);
});

test('retry delays grow from about a second to about half a minute, with jitter', () => {
  for (let i = 0; i < 50; i++) {
    const first = backoff(0);
    assert.ok(first >= 500 && first <= 1_500, `first delay ${first}`);
    const late = backoff(20);
    assert.ok(late >= 15_000 && late <= 45_000, `late delay ${late}`);
  }
});

test('only passing failures are retried', () => {
  for (const code of ['OFFLINE', 'TIMEOUT', 'RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL']) assert.ok(isRetryable(code), code);
  for (const code of ['TEXT_TOO_LONG', 'THREAD_CLOSED', 'FORBIDDEN', 'BAD_REQUEST']) assert.ok(!isRetryable(code), code);
});
