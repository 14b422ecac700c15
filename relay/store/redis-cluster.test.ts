/**
 * The thread store and the inbox on a real 3-master Redis Cluster (issue 14 §2): every
 * script and multi-key step names keys of one hash tag, so each runs on one node, and
 * threads spread over the masters.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { newClientMessageId, type ClinicId, type StaffId, type ThreadId, type VisitorId } from '../../protocol/ids.ts';
import type { StaffRef } from '../../protocol/model.ts';
import { inboxKeysOf } from '../access/audiences.ts';
import { startRedisCluster, type RedisCluster } from '../testing/redis-cluster.ts';
import { createInboxIndex } from './inbox-index.ts';
import { keys } from './keys.ts';
import { connectRedisCluster, type RelayRedisCluster } from './redis-client.ts';
import { createThreadStore, type ThreadStore } from './thread-store.ts';

const clinic = 'clinicCCCCCCCCCCCCCCCC' as ClinicId;
const admin: StaffRef = { id: 'adminAAAAAAAAAAAAAAAAA' as StaffId, name: 'Admin', role: 'admin' };
const THREADS = 12;

let cluster: RedisCluster;
let redis: RelayRedisCluster;
let threads: ThreadStore;

before(async () => {
  cluster = await startRedisCluster(3);
  redis = connectRedisCluster(cluster.nodes);
  threads = createThreadStore(redis, { maxMessages: 0 });
});
after(async () => {
  redis.disconnect();
  await cluster.stop();
});

const slot = async (key: string) => Number(await redis.cluster('KEYSLOT', key));

test('the keys of a thread share one slot, and so do the keys of a clinic', async () => {
  const thread = 'threadTTTTTTTTTTTTTTTT' as ThreadId;
  const threadKeys = [keys.threadMeta(thread), keys.threadStream(thread), keys.threadDedup(thread), keys.threadAlerts(thread)];
  assert.equal(new Set(await Promise.all(threadKeys.map(slot))).size, 1);
  const facts = { clinicId: clinic, status: 'open', kind: 'general', complaint: true, assignee: admin, doctor: null } as const;
  const clinicKeys = [keys.inboxMembership(clinic), keys.answers(clinic), keys.accessLog(clinic), ...inboxKeysOf(facts)];
  assert.equal(new Set(await Promise.all(clinicKeys.map(slot))).size, 1);
});

test('on a 3-master cluster, threads spread over the masters and append, de-duplicate, change, read and index as on one Redis', async () => {
  const inbox = createInboxIndex(redis, threads.get);
  const created: ThreadId[] = [];
  for (let i = 0; i < THREADS; i += 1) {
    const thread = await threads.create({
      clinicId: clinic,
      visitorId: `visitor${String(i).padStart(15, '0')}` as VisitorId,
      displayName: `P${i}`,
      kind: 'general',
      doctor: null,
    });
    created.push(thread.id);
    const clientId = newClientMessageId();
    const first = await threads.append(thread.id, { kind: 'patient' }, { type: 'text', clientId, text: 'hello' });
    const again = await threads.append(thread.id, { kind: 'patient' }, { type: 'text', clientId, text: 'hello' }, first.meta);
    assert.equal(again.duplicate, true);
    assert.equal(again.id, first.id);
    const reply = await threads.append(thread.id, { kind: 'staff', staff: admin }, { type: 'text', clientId: newClientMessageId(), text: 'hi' }, first.meta);
    await inbox.index(reply.meta);
    const changed = await threads.change(thread.id, { status: 'solved', by: admin }, `${admin.id}:solve-${i}`);
    await inbox.index(changed.meta);
    await threads.markRead(thread.id, 'patient', reply.id);
    const page = await threads.history(changed.meta, { threadId: thread.id }, 'patient');
    assert.deepEqual(
      page.messages.map((message) => message.type),
      ['text', 'text', 'system'],
    );
  }
  const holders = await Promise.all(
    cluster.nodes.map(async (node) => {
      const [host, port] = node.split(':');
      const owner = redis.nodes('master').find((client) => client.options.host === host && client.options.port === Number(port));
      return owner ? Number(await owner.dbsize()) : 0;
    }),
  );
  assert.ok(holders.filter((count) => count > 0).length >= 2, `threads on several masters: ${holders.join(', ')}`);
  const listed = await inbox.list({ id: admin.id, clinicId: clinic, role: 'admin' }, { status: 'solved', limit: 50 });
  assert.deepEqual(new Set(listed.threads.map((thread) => thread.id)), new Set(created));
});
