import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClinicId, StreamId, VisitorId } from '../../protocol/ids.ts';
import { LIMITS } from '../../protocol/limits.ts';
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
  assert.equal(await file.redis.zcard(keys.searchWords(clinicId)), new Set(words).size);
  assert.deepEqual(await file.redis.zrange(keys.searchPostings(clinicId, words.at(-1)!), 0, -1), [`t:${thread.id}:1-1`]);
});
