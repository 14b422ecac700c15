import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClinicId, StaffId, ThreadId, VisitorId } from '../../protocol/ids.ts';
import type { StaffRef, ThreadKind } from '../../protocol/model.ts';
import type { Viewer } from '../access/visibility.ts';
import { inboxKeysOf } from '../access/audiences.ts';
import { storesForFile } from '../testing/file-fixtures.ts';
import type { ThreadMeta } from './thread-meta.ts';

const admin: StaffRef = { id: 'adminAAAAAAAAAAAAAAAAA' as StaffId, name: 'Admin', role: 'admin' };
const doctor: StaffRef = { id: 'doctorDDDDDDDDDDDDDDDD' as StaffId, name: 'Doctor', role: 'doctor' };

const file = storesForFile();

let count = 0;
/** Each test its own clinic, so no test sees another's threads. */
const newClinic = () => `clinic${String((count += 1)).padStart(16, '0')}` as ClinicId;
const newThread = (clinicId: ClinicId, kind: ThreadKind = 'general') =>
  file.stores.threads.create({
    clinicId,
    visitorId: `visitor${String((count += 1)).padStart(15, '0')}` as VisitorId,
    displayName: 'P',
    kind,
    doctor: kind === 'doctor' ? doctor : null,
  });
const as = (staff: StaffRef, clinicId: ClinicId): Viewer => ({ id: staff.id, role: staff.role, clinicId });

/** Every inbox set of the clinic that holds the thread. */
async function setsHolding(clinicId: ClinicId, id: ThreadId): Promise<string[]> {
  const sets = await file.redis.keys(`{c:${clinicId}}:inbox:*`);
  const held = await Promise.all(sets.map(async (key) => ((await file.redis.zscore(key, id)) === null ? null : key)));
  return held.filter((key): key is string => key !== null).sort();
}

test('a re-index puts the thread in exactly the sets of its state, and out of those it left even when the index step after a change was lost', async () => {
  const clinic = newClinic();
  const thread = await newThread(clinic);
  await file.stores.threads.change(thread.id, { assignee: admin, by: admin });
  const { meta: assigned } = await file.stores.threads.change(thread.id, { complaint: true, by: admin });
  await file.stores.inbox.index(assigned);
  assert.deepEqual(await setsHolding(clinic, thread.id), [...inboxKeysOf(assigned)].sort());

  // Two changes whose index steps never ran (a crash): the next index repairs both.
  await file.stores.threads.change(thread.id, { assignee: doctor, by: admin });
  const { meta: now } = await file.stores.threads.change(thread.id, { status: 'solved', by: admin });
  await file.stores.inbox.index(now);
  assert.deepEqual(await setsHolding(clinic, thread.id), [...inboxKeysOf(now)].sort());
  assert.deepEqual((await file.stores.inbox.list(as(admin, clinic), { assignee: 'me' })).threads, []);
  assert.deepEqual(
    (await file.stores.inbox.list(as(doctor, clinic), { status: 'solved' })).threads.map((t) => t.id),
    [thread.id],
  );
});

test('a late re-index of an older state never undoes a newer one', async () => {
  const clinic = newClinic();
  const thread = await newThread(clinic);
  const { meta: older } = await file.stores.threads.change(thread.id, { status: 'waiting', by: admin });
  const { meta: newer } = await file.stores.threads.change(thread.id, { status: 'solved', by: admin });
  await file.stores.inbox.index(newer);
  await file.stores.inbox.index(older);
  assert.deepEqual(await setsHolding(clinic, thread.id), [...inboxKeysOf(newer)].sort());
});

test('a page is full however many newer threads the reader may not see', async () => {
  const clinic = newClinic();
  const readable: ThreadMeta[] = [];
  for (let i = 0; i < 3; i += 1) {
    const meta = { ...(await newThread(clinic)), lastActivityAt: 1_000 + i };
    await file.stores.inbox.index(meta);
    readable.push(meta);
  }
  // More than the old post-filter ever scanned (1,000), all newer and all another doctor's.
  await Promise.all(
    Array.from({ length: 1_001 }, async (_, i) => {
      await file.stores.inbox.index({ ...(await newThread(clinic, 'doctor')), lastActivityAt: 10_000 + i });
    }),
  );
  const page = await file.stores.inbox.list(as(admin, clinic), { limit: 3 });
  assert.deepEqual(
    page.threads.map((t) => t.id),
    readable.map((t) => t.id).reverse(),
  );
  assert.equal(page.next, null);
});
