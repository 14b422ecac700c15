import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { newClientMessageId as clientId, type StreamId, type ThreadId } from '../../protocol/ids.ts';
import { relayForFile } from '../testing/file-fixtures.ts';
import { call, ok } from '../testing/clients.ts';
import { connectRedis } from '../store/redis-client.ts';
import { keys } from '../store/keys.ts';

const file = relayForFile();
const staff = file.open.staff;

test('search finds a thread by a word from the middle of a Russian message, in another form and with ё written е, and points at the message', async () => {
  const patient = await file.open.patient();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Добрый день' });
  const { id } = await ok(patient.socket, 'message:send', {
    threadId: thread.id,
    clientId: clientId(),
    text: 'После удаления зуба щёку раздуло, это нормально?',
  });
  const owner = await staff('owner@demo.clinic');
  for (const query of ['щеку', 'щёки', 'ЗУБА раздуло', 'удален']) {
    const { hits } = await ok(owner, 'inbox:search', { query });
    const hit = hits.find((h) => h.thread.id === thread.id);
    assert.ok(hit, query);
    assert.equal(hit.messageId, id);
    assert.equal(hit.field, 'message');
    assert.match(hit.text, /щёку раздуло/);
  }
  assert.ok(!(await ok(owner, 'inbox:search', { query: 'зуб кариес' })).hits.some((h) => h.thread.id === thread.id), 'every word must match');
});

test("search follows the roles: a doctor finds their own thread and never another doctor's", async () => {
  const owner = await staff('owner@demo.clinic');
  const { staff: team } = await ok(owner, 'staff:list', {});
  const [doctor, doctor2] = ['doctor@demo.clinic', 'doctor2@demo.clinic'].map((email) => team.find((m) => m.email === email)!);
  const word = `пломба${Date.now().toString(36)}`;
  const patient = await file.open.patient();
  const threads = [];
  for (const target of [doctor!, doctor2!]) {
    const { thread } = await ok(patient.socket, 'thread:open', { kind: 'doctor', doctorId: target.id });
    await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: `Выпала ${word}, что делать?` });
    threads.push(thread.id);
  }
  const first = await staff('doctor@demo.clinic');
  const found = (await ok(first, 'inbox:search', { query: word })).hits.map((h) => h.thread.id);
  assert.deepEqual(found, [threads[0]]);
  const all = (await ok(owner, 'inbox:search', { query: word })).hits.map((h) => h.thread.id);
  assert.deepEqual(new Set(all), new Set(threads));
  const admin = await staff('admin@demo.clinic');
  assert.deepEqual((await ok(admin, 'inbox:search', { query: word })).hits, [], "doctor threads are not the administrator's");
});

test('search finds a patient by name, e-mail and phone; a new name replaces the old one in the index', async () => {
  const patient = await file.open.patient();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'hello' });
  const tag = Date.now().toString(36);
  await ok(patient.socket, 'visitor:identify', { name: `Фёдор Кузнецов${tag}`, email: `fedor.${tag}@example.org`, phone: '+7 (912) 345-67-89' });
  const admin = await staff('admin@demo.clinic');
  const fieldOf = async (query: string) => (await ok(admin, 'inbox:search', { query })).hits.find((h) => h.thread.id === thread.id)?.field;
  assert.equal(await fieldOf(`федор кузнецов${tag}`), 'name');
  assert.equal(await fieldOf(`fedor.${tag}@example.org`), 'email');
  assert.equal(await fieldOf('9123456789'), 'phone');
  assert.equal(await fieldOf('8912345'), 'phone', 'the trunk prefix 8 or +7 is the same number');
  await ok(patient.socket, 'visitor:identify', { name: `Пётр${tag}` });
  assert.equal(await fieldOf(`кузнецов${tag}`), undefined);
  assert.equal(await fieldOf(`петр${tag}`), 'name');
});

test("the erasure hooks take a thread's messages and a patient's fields out of the index, dictionary words too", async (t) => {
  const patient = await file.open.patient();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  const word = `стираемое${Date.now().toString(36)}`;
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: `${word} слово` });
  await ok(patient.socket, 'visitor:identify', { name: `${word}имя` });
  const owner = await staff('owner@demo.clinic');
  assert.equal((await ok(owner, 'inbox:search', { query: word })).hits.length, 1);
  const { stores } = file.relay;
  const redis = connectRedis(file.relay.redis.url);
  t.after(() => redis.disconnect());
  const meta = (await stores.threads.get(thread.id))!;
  await stores.search.forgetThread(meta.clinicId, thread.id);
  await stores.search.forgetPatient(meta.clinicId, meta.visitorId);
  assert.deepEqual((await ok(owner, 'inbox:search', { query: word })).hits, []);
  assert.deepEqual(await redis.zrangebylex(keys.searchWords(meta.clinicId), `[${word}`, Buffer.concat([Buffer.from(`[${word}`), Buffer.from([0xff])])), []);
});

test('a query without words is answered with nothing; a malformed one is refused', async () => {
  const owner = await staff('owner@demo.clinic');
  assert.deepEqual((await ok(owner, 'inbox:search', { query: '!!! ?' })).hits, []);
  assert.equal((await call(owner, 'inbox:search', { query: '' })).error?.code, 'BAD_REQUEST');
  assert.equal((await call(owner, 'inbox:search', { query: 'x'.repeat(201) })).error?.code, 'BAD_REQUEST');
});

/** A message's score in a word's postings set, as stored in Redis (null: not indexed under that word). */
async function postingScore(t: TestContext, threadId: ThreadId, messageId: StreamId): Promise<(word: string) => Promise<string | null>> {
  const redis = connectRedis(file.relay.redis.url);
  t.after(() => redis.disconnect());
  const { clinicId } = (await file.relay.stores.threads.get(threadId))!;
  return (word) => redis.zscore(keys.searchPostings(clinicId, word), `t:${threadId}:${messageId}`);
}

test('one-letter words are not indexed, since no query word is that short: a query with one still finds the message by its other words', async (t) => {
  const patient = await file.open.patient();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  const { id } = await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Болит и в ухе, и в горле' });
  const owner = await staff('owner@demo.clinic');
  const { hits } = await ok(owner, 'inbox:search', { query: 'в ухе' });
  assert.equal(hits.find((h) => h.thread.id === thread.id)?.messageId, id);
  const score = await postingScore(t, thread.id, id);
  for (const word of ['и', 'в']) assert.equal(await score(word), null, word);
  assert.notEqual(await score('горле'), null);
});

test('function words are left out of a message’s index and out of a query with other words; a query of them alone still finds a name', async (t) => {
  const patient = await file.open.patient();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  const { id } = await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Болит колено после того как упал на лестнице' });
  await ok(patient.socket, 'visitor:identify', { name: 'Ли Вэй' });
  const owner = await staff('owner@demo.clinic');
  for (const query of ['упал на лестнице', 'колено как']) {
    const { hits } = await ok(owner, 'inbox:search', { query });
    assert.equal(hits.find((h) => h.thread.id === thread.id)?.messageId, id, query);
  }
  const byName = (await ok(owner, 'inbox:search', { query: 'ли' })).hits.find((h) => h.thread.id === thread.id);
  assert.equal(byName?.field, 'name');
  const score = await postingScore(t, thread.id, id);
  for (const word of ['на', 'как']) assert.equal(await score(word), null, word);
  assert.notEqual(await score('лестнице'), null);
});
