import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newClientMessageId, type ClinicId, type StaffId, type VisitorId } from '../../protocol/ids.ts';
import type { StaffRef } from '../../protocol/model.ts';
import { storesForFile } from '../testing/file-fixtures.ts';
import { inboxEntry } from './inbox-index.ts';
import { keys } from './keys.ts';
import type { ThreadMeta } from './thread-meta.ts';

const file = storesForFile();
const admin: StaffRef = { id: 'adminPOSTSAAAAAAAAAAAA' as StaffId, name: 'Admin', role: 'admin' };

let visitors = 0;
const newThread = (clinicId: ClinicId) =>
  file.stores.threads.create({
    clinicId,
    visitorId: `visitorPOSTS${String((visitors += 1)).padStart(10, '0')}` as VisitorId,
    displayName: 'P',
    kind: 'general',
    doctor: null,
  });

const write = (thread: ThreadMeta, text: string) =>
  file.stores.threads.append(thread.id, { kind: 'patient' }, { type: 'text', clientId: newClientMessageId(), text });

/** Script runs so far (a script's first run is an EVAL after the EVALSHA Redis refused). */
const scriptCalls = async (): Promise<number> =>
  [...(await file.redis.info('commandstats')).matchAll(/cmdstat_eval(?:sha)?:calls=(\d+)/g)].reduce((sum, [, calls]) => sum + Number(calls), 0);

/** Whether the thread is in exactly the inbox sets its state gives, and in none of `others`. */
async function inInbox(meta: ThreadMeta, others: string[] = []): Promise<boolean> {
  const { sets } = inboxEntry(meta);
  const inSets = await Promise.all(sets.map((key) => file.redis.zscore(key, meta.id)));
  const inOthers = await Promise.all(others.filter((key) => !sets.includes(key)).map((key) => file.redis.zscore(key, meta.id)));
  return inSets.every((score) => score !== null) && inOthers.every((score) => score === null);
}

test("the messages of one tick share one call, across clinics, and each lands in its thread's inbox sets and the search index", async () => {
  const clinics = ['clinicPOSTSONE00000000', 'clinicPOSTSTWO00000000'] as ClinicId[];
  const threads = await Promise.all([newThread(clinics[0]!), newThread(clinics[0]!), newThread(clinics[1]!)]);
  const written = await Promise.all(threads.map((thread, i) => write(thread, `кардиолог приём ${i}`)));
  const before = await scriptCalls();
  await Promise.all(written.map((result, i) => file.stores.posts.index(result.meta, result.id, result.at, `кардиолог приём ${i}`)));
  assert.equal((await scriptCalls()) - before, 1);
  for (const result of written) assert.ok(await inInbox(result.meta));
  for (const [i, clinicId] of [clinics[0], clinics[0], clinics[1]].entries()) {
    const members = await file.redis.zrange(keys.searchPostings(clinicId!, 'кардиолог'), 0, -1);
    assert.ok(members.includes(`t:${written[i]!.meta.id}:${written[i]!.id}`));
  }
});

test('a thread that left inbox sets since it was recorded is indexed alone: in its new sets, out of the old', async () => {
  const thread = await newThread('clinicPOSTSMOVE0000000' as ClinicId);
  const first = await write(thread, 'first');
  await file.stores.posts.index(first.meta, first.id, first.at, 'first');
  const wasIn = inboxEntry(first.meta).sets;
  // Assigned and marked: other audiences, other sets.
  await file.stores.threads.change(thread.id, { assignee: admin, by: admin });
  await file.stores.threads.change(thread.id, { complaint: true, by: admin });
  const second = await write(thread, 'second');
  assert.notDeepEqual(inboxEntry(second.meta).sets, wasIn);
  await file.stores.posts.index(second.meta, second.id, second.at, 'second');
  assert.ok(await inInbox(second.meta, wasIn));
  // A late index of the older state changes nothing.
  await file.stores.posts.index(first.meta, first.id, first.at, 'first');
  assert.ok(await inInbox(second.meta, wasIn));
});
