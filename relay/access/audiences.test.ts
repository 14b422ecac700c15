import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ClinicId, StaffId, ThreadId, VisitorId } from '../../protocol/ids.ts';
import { ROLES, THREAD_STATUSES, type Role, type StaffRef, type ThreadStatus } from '../../protocol/model.ts';
import { startTestRedis } from '../testing/harness.ts';
import { connectRedis, type RelayRedis } from '../store/redis-client.ts';
import { createStores, type Stores } from '../store/stores.ts';
import type { ThreadMeta } from '../store/thread-meta.ts';
import type { LocalRedis } from '../store/local-redis-server.ts';
import { canRead, roomsOfStaff, roomsOfThread, type Viewer } from './visibility.ts';
import type { InboxFilter } from './audiences.ts';

const clinic = 'clinicAAAAAAAAAAAAAAAA' as ClinicId;
const ref = (id: string, role: Role): StaffRef => ({ id: id as StaffId, name: id, role });
const self = ref('selfSSSSSSSSSSSSSSSSSS', 'doctor');
const other = ref('otherOOOOOOOOOOOOOOOOO', 'doctor');

let server: LocalRedis;
let redis: RelayRedis;
let stores: Stores;
/** Every thread shape: kind (general, to me as a doctor, to another doctor) × assignee × complaint × status. */
const threads: ThreadMeta[] = [];

before(async () => {
  server = await startTestRedis();
  redis = connectRedis(server.url);
  stores = createStores(redis, { sessionTtlSeconds: 3600, threadMaxMessages: 0 });
  const shapes = [];
  for (const doctor of [null, self, other]) {
    for (const assignee of [null, self, other]) {
      for (const complaint of [false, true]) {
        for (const status of THREAD_STATUSES) shapes.push({ doctor, assignee, complaint, status });
      }
    }
  }
  for (const [i, shape] of shapes.entries()) {
    const created = await stores.threads.create({
      clinicId: clinic,
      visitorId: `visitor${String(i).padStart(15, '0')}` as VisitorId,
      displayName: `P${i}`,
      kind: shape.doctor ? 'doctor' : 'general',
      doctor: shape.doctor,
    });
    await stores.threads.change(created.id, { assignee: shape.assignee, by: other });
    await stores.threads.change(created.id, { complaint: shape.complaint, by: other });
    const { meta } = await stores.threads.change(created.id, { status: shape.status, by: other });
    // Distinct activity times, so the expected order is unambiguous.
    const indexed = { ...meta, lastActivityAt: 1_000_000 + i };
    await stores.inbox.index(indexed);
    threads.push(indexed);
  }
});
after(async () => {
  redis.disconnect();
  await server.stop();
});

const viewerAs = (role: Role): Viewer => ({ id: self.id, role, clinicId: clinic });
const matches = (t: ThreadMeta, filter: InboxFilter) =>
  (filter.status === undefined || t.status === filter.status) && (filter.assignee === undefined || (t.assignee?.id ?? null) === filter.assignee);
const newestFirst = (list: ThreadMeta[]) => [...list].sort((a, b) => b.lastActivityAt - a.lastActivityAt).map((t) => t.id);

const FILTERS: { request: { status?: ThreadStatus; assignee?: 'me' | 'unassigned' | StaffId }; filter: InboxFilter }[] = [];
for (const status of [undefined, ...THREAD_STATUSES]) {
  for (const [assignee, id] of [
    [undefined, undefined],
    ['me', self.id],
    ['unassigned', null],
    [other.id, other.id],
  ] as const) {
    FILTERS.push({
      request: { ...(status ? { status } : {}), ...(assignee ? { assignee } : {}) },
      filter: { ...(status ? { status } : {}), ...(id !== undefined ? { assignee: id } : {}) },
    });
  }
}

test('for every role and thread shape, live rooms, inbox views and canRead agree', async () => {
  assert.equal(threads.length, 72);
  for (const role of ROLES) {
    const viewer = viewerAs(role);
    const joined = new Set(roomsOfStaff(viewer));
    for (const t of threads) {
      assert.equal(
        roomsOfThread(t).some((room) => joined.has(room)),
        canRead(viewer, t),
        `rooms: ${role} ${JSON.stringify(t)}`,
      );
    }
    for (const { request, filter } of FILTERS) {
      const page = await stores.inbox.list(viewer, { ...request, limit: 200 });
      const expected = newestFirst(threads.filter((t) => canRead(viewer, t) && matches(t, filter)));
      assert.deepEqual(
        page.threads.map((t) => t.id),
        expected,
        `inbox: ${role} ${JSON.stringify(request)}`,
      );
      assert.equal(page.next, null);
    }
  }
});

test('every page is full until the last, and pages join without gaps or repeats', async () => {
  for (const role of ROLES) {
    const viewer = viewerAs(role);
    const expected = newestFirst(threads.filter((t) => canRead(viewer, t)));
    const seen: ThreadId[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await stores.inbox.list(viewer, { limit: 5, ...(before === undefined ? {} : { before }) });
      seen.push(...page.threads.map((t) => t.id));
      if (page.next === null) break;
      assert.equal(page.threads.length, 5, `${role}: a page that is not the last is full`);
      before = page.next;
    }
    assert.deepEqual(seen, expected, role);
  }
});

test("nobody lists another clinic's threads, whatever the role", async () => {
  for (const role of ROLES) {
    const page = await stores.inbox.list({ ...viewerAs(role), clinicId: 'otherBBBBBBBBBBBBBBBBB' as ClinicId }, {});
    assert.deepEqual(page.threads, []);
  }
});
