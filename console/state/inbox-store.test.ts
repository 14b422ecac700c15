/**
 * The inbox list while a page is on its way: pushes that arrive meanwhile are newer than the
 * page (one socket delivers in order, and the page's answer comes after them), so the page
 * must neither drop nor overwrite them (a full run lost a patient's first conversation so).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StaffId, ThreadId, VisitorId } from '../../protocol/ids.ts';
import type { StaffThread } from '../../protocol/model.ts';
import type { InboxPage } from '../../protocol/requests.ts';
import { InboxStore } from './inbox-store.ts';

const me = 'staff-admin' as StaffId;

function row(id: string, changes: Partial<StaffThread> = {}): StaffThread {
  return {
    id: id as ThreadId,
    kind: 'general',
    status: 'open',
    complaint: false,
    doctor: null,
    assignee: null,
    patient: { id: `visitor-${id}` as VisitorId, displayName: `Patient ${id}` },
    createdAt: 1_000,
    lastActivityAt: 2_000,
    lastId: null,
    preview: 'hello',
    unread: 1,
    read: { patient: null, staff: null },
    previousThreadId: null,
    notificationFailed: false,
    awaitingSince: 2_000,
    previewBy: null,
    ...changes,
  };
}

/** A store whose pages the test answers by hand. */
function storeWithPendingPages() {
  const pages: ((page: InboxPage) => void)[] = [];
  const store = new InboxStore(
    me,
    'admin',
    () => new Promise<InboxPage>((resolve) => pages.push(resolve)),
    async () => ({ counts: {} }),
  );
  return { store, answer: (page: InboxPage) => pages.shift()!(page) };
}

test('a thread pushed while the first page is on its way stays listed, and the page does not overwrite what the push said', async () => {
  const { store, answer } = storeWithPendingPages();
  const showing = store.show('awaiting');
  store.upsert(row('new'));
  store.upsert(row('both', { preview: 'newer, from the push' }));
  answer({ threads: [row('old'), row('both', { preview: 'older, from the page' })], next: null });
  await showing;
  assert.deepEqual(store.threads.map((thread) => thread.id).sort(), ['both', 'new', 'old']);
  assert.equal(store.thread('both' as ThreadId)?.preview, 'newer, from the push');
});

test('a thread taken away while a page is on its way is not brought back by the page', async () => {
  const { store, answer } = storeWithPendingPages();
  const showing = store.show('all');
  store.forget('gone' as ThreadId);
  answer({ threads: [row('gone'), row('kept')], next: null });
  await showing;
  assert.deepEqual(
    store.threads.map((thread) => thread.id),
    ['kept'],
  );
  assert.ok(store.isGone('gone' as ThreadId));
});

test('a new page replaces the list: a thread listed before that no push touched during the load and the page leaves out is gone', async () => {
  const { store, answer } = storeWithPendingPages();
  const first = store.show('awaiting');
  answer({ threads: [row('a'), row('b')], next: null });
  await first;
  const second = store.show('awaiting');
  answer({ threads: [row('b')], next: null });
  await second;
  assert.deepEqual(
    store.threads.map((thread) => thread.id),
    ['b'],
  );
});
