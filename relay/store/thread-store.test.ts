import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newClientMessageId, type ClinicId, type StaffId, type ThreadId, type VisitorId } from '../../protocol/ids.ts';
import type { StaffRef } from '../../protocol/model.ts';
import { RelayError } from '../errors.ts';
import { storesForFile } from '../testing/file-fixtures.ts';
import { keys } from './keys.ts';

const clinic = 'clinicAAAAAAAAAAAAAAAA' as ClinicId;
const admin: StaffRef = { id: 'adminAAAAAAAAAAAAAAAAA' as StaffId, name: 'Admin', role: 'admin' };
const doctor: StaffRef = { id: 'doctorDDDDDDDDDDDDDDDD' as StaffId, name: 'Doctor', role: 'doctor' };

const file = storesForFile();

let visitors = 0;
const newThread = () =>
  file.stores.threads.create({
    clinicId: clinic,
    visitorId: `visitor${String((visitors += 1)).padStart(15, '0')}` as VisitorId,
    displayName: 'P',
    kind: 'general',
    doctor: null,
  });
const systemMessages = async (id: ThreadId) => (await file.redis.xrange(keys.threadStream(id), '-', '+')).length;

test('a status change writes the new status and its system message in one step, and a retry with the same action id changes nothing more', async () => {
  const thread = await newThread();
  const first = await file.stores.threads.change(thread.id, { status: 'solved', by: admin }, `${admin.id}:action-one`);
  assert.equal(first.changed, true);
  assert.equal(first.duplicate, false);
  assert.equal(first.meta.status, 'solved');
  assert.deepEqual(first.before, { status: 'open', assignee: null, complaint: false });
  assert.equal(first.message?.type === 'system' && first.message.event.kind, 'status');
  assert.equal(first.meta.lastId, first.message?.id);

  const retry = await file.stores.threads.change(thread.id, { status: 'solved', by: admin }, `${admin.id}:action-one`);
  assert.equal(retry.duplicate, true);
  assert.deepEqual({ ...retry, meta: null, duplicate: false }, { ...first, meta: null }, 'the retry is answered as the first attempt was');
  assert.equal(await systemMessages(thread.id), 1);
});

test('changing a thread to the value it has is no change: no system message, nothing moves', async () => {
  const thread = await newThread();
  const same = await file.stores.threads.change(thread.id, { status: 'open', by: admin });
  assert.equal(same.changed, false);
  assert.equal(same.message, null);
  assert.equal(same.meta.version, thread.version);
  assert.equal(await systemMessages(thread.id), 0);
});

test('an assignment is the same when it names the same person, whatever their name is now', async () => {
  const thread = await newThread();
  await file.stores.threads.change(thread.id, { assignee: doctor, by: admin });
  const renamed = await file.stores.threads.change(thread.id, { assignee: { ...doctor, name: 'Dr. New Name' }, by: admin });
  assert.equal(renamed.changed, false);
  assert.equal(await systemMessages(thread.id), 1);
});

test('a complaint mark and a rename change the thread without a message in its history', async () => {
  const thread = await newThread();
  const marked = await file.stores.threads.change(thread.id, { complaint: true, by: admin }, `${admin.id}:mark-one`);
  assert.equal(marked.meta.complaint, true);
  assert.ok(marked.meta.version > thread.version, 'the inbox sees a newer state');
  const renamed = await file.stores.threads.change(thread.id, { displayName: 'Anna' });
  assert.equal(renamed.meta.displayName, 'Anna');
  assert.equal(await systemMessages(thread.id), 0);
});

test('a change to a thread that does not exist is RELAY_ERR_NO_THREAD and stores nothing', async () => {
  const missing = 'missingMMMMMMMMMMMMMMM' as ThreadId;
  await assert.rejects(
    file.stores.threads.change(missing, { status: 'closed', by: admin }, `${admin.id}:action-two`),
    (error) => error instanceof RelayError && error.code === 'RELAY_ERR_NO_THREAD',
  );
  assert.equal(await file.redis.exists(keys.threadMeta(missing), keys.threadStream(missing), keys.threadDedup(missing)), 0);
});

test('sending to a closed thread is RELAY_ERR_THREAD_CLOSED', async () => {
  const thread = await newThread();
  await file.stores.threads.change(thread.id, { status: 'closed', by: admin });
  await assert.rejects(
    file.stores.threads.append(thread.id, { kind: 'patient' }, { type: 'text', clientId: newClientMessageId(), text: 'hello' }),
    (error) => error instanceof RelayError && error.code === 'RELAY_ERR_THREAD_CLOSED',
  );
});

test("a patient's append checks the thread is theirs, of their clinic and not superseded, and stores nothing otherwise", async () => {
  const thread = await newThread();
  const hello = () => ({ type: 'text' as const, clientId: newClientMessageId(), text: 'hello' });
  const refusal = (code: string) => (error: unknown) => error instanceof RelayError && error.code === code;
  const owner = { id: thread.visitorId, clinicId: clinic };
  await assert.rejects(
    file.stores.threads.append(thread.id, { kind: 'patient' }, hello(), undefined, { ...owner, id: 'strangerSSSSSSSSSSSSSSS' as VisitorId }),
    refusal('RELAY_ERR_NO_THREAD'),
  );
  await assert.rejects(
    file.stores.threads.append(thread.id, { kind: 'patient' }, hello(), undefined, { ...owner, clinicId: 'otherClinicOOOOOOOOOOO' as ClinicId }),
    refusal('RELAY_ERR_NO_THREAD'),
  );
  // The owner's append answers with the whole thread, whatever copy the caller passes.
  const stale = { ...thread, displayName: 'stale copy' };
  const sent = await file.stores.threads.append(thread.id, { kind: 'patient' }, hello(), stale, owner);
  assert.deepEqual(sent.meta, await file.stores.threads.get(thread.id));
  await file.stores.threads.supersede(thread.id);
  await assert.rejects(file.stores.threads.append(thread.id, { kind: 'patient' }, hello(), undefined, owner), refusal('RELAY_ERR_THREAD_CLOSED'));
  assert.equal(await systemMessages(thread.id), 1);
  // A thread already gone stays gone.
  const gone = 'goneGGGGGGGGGGGGGGGGGG' as ThreadId;
  await file.stores.threads.supersede(gone);
  assert.equal(await file.redis.exists(keys.threadMeta(gone)), 0);
});

test('an append answered with only what it changed leaves the caller the same thread as a full read', async () => {
  const thread = await newThread();
  const send = (sender: Parameters<typeof file.stores.threads.append>[1], type: 'text' | 'note', known: typeof thread) =>
    file.stores.threads.append(thread.id, sender, { type, clientId: newClientMessageId(), text: `${type} from ${sender.kind}` }, known);
  let known = (await send({ kind: 'patient' }, 'text', thread)).meta;
  await file.stores.threads.change(thread.id, { assignee: doctor, by: admin });
  // The caller's copy predates the assignment: the reply must still carry it.
  for (const [sender, type] of [
    [{ kind: 'patient' }, 'text'],
    [{ kind: 'staff', staff: doctor }, 'text'],
    [{ kind: 'staff', staff: doctor }, 'note'],
    [{ kind: 'patient' }, 'text'],
  ] as const) {
    known = (await send(sender, type, known)).meta;
    assert.deepEqual(known, await file.stores.threads.get(thread.id), `after a ${sender.kind} ${type}`);
  }
});

test('staff alerts marked pending spare further patient messages the queue until staff reply or read past them', async () => {
  const thread = await newThread();
  const patient = () => file.stores.threads.append(thread.id, { kind: 'patient' }, { type: 'text', clientId: newClientMessageId(), text: 'hi' }, thread);
  const first = await patient();
  assert.equal(first.alertsDue, true, 'nothing is pending yet');
  assert.equal((await patient()).alertsDue, true, 'still nothing marked');
  await file.stores.threads.alertsScheduled(thread.id, first.id, 60_000);
  assert.equal((await patient()).alertsDue, false);
  await file.stores.threads.append(thread.id, { kind: 'staff', staff: admin }, { type: 'note', clientId: newClientMessageId(), text: 'n' }, thread);
  assert.equal((await patient()).alertsDue, false, 'a private note answers nobody');
  await file.stores.threads.append(thread.id, { kind: 'staff', staff: admin }, { type: 'text', clientId: newClientMessageId(), text: 'r' }, thread);
  const afterReply = await patient();
  assert.equal(afterReply.alertsDue, true, 'a reply cancelled them');
  await file.stores.threads.alertsScheduled(thread.id, afterReply.id, 60_000);
  await file.stores.threads.markRead(thread.id, 'staff', afterReply.id);
  assert.equal((await patient()).alertsDue, true, 'staff read past the marked message');
});
