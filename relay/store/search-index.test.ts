import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClinicId, StreamId, VisitorId } from '../../protocol/ids.ts';
import { LIMITS } from '../../protocol/limits.ts';
import { messageWords } from '../../protocol/search-text.ts';
import { storesForFile } from '../testing/file-fixtures.ts';
import { keys } from './keys.ts';

const file = storesForFile();

test('a message of the longest size with 1,300 distinct words is indexed whole in one call', async () => {
  const clinicId = 'clinicSEARCHLONG000000' as ClinicId;
  const thread = await file.stores.threads.create({
    clinicId,
    visitorId: 'visitorSEARCHLONG00000' as VisitorId,
    displayName: 'P',
    kind: 'general',
    doctor: null,
  });
  // Two-letter words: past the script's batch of 1,000 dictionary words, within the text limit.
  const letters = 'abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщэюя';
  const words = Array.from({ length: 1_300 }, (_, i) => `${letters[Math.floor(i / letters.length)]}${letters[i % letters.length]}`);
  const text = words.join(' ');
  assert.ok(text.length <= LIMITS.messageTextMax);
  await file.stores.posts.index(thread, '1-1' as StreamId, 1, text);
  // Every word the index keeps (function words like "на" are not), past the script's batch.
  const kept = messageWords(text);
  assert.ok(kept.length > 1_000);
  assert.equal(await file.redis.zcard(keys.searchWords(clinicId)), kept.length);
  assert.deepEqual(await file.redis.zrange(keys.searchPostings(clinicId, kept.at(-1)!), 0, -1), [`t:${thread.id}:1-1`]);
});
