import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relayForFile } from '../testing/file-fixtures.ts';
import { call, connectVisitor, ok } from '../testing/clients.ts';

const file = relayForFile();

test('staff end a patient’s sessions: every token stops working, open sockets close, the conversation stays, the access log says who did it', async () => {
  const phone = await file.open.patient();
  const laptop = await file.open.patient({ token: phone.token });
  const { thread } = await ok(phone.socket, 'thread:open', { kind: 'general' });
  const admin = await file.open.staff('admin@demo.clinic');
  const closed = [phone, laptop].map((tab) => new Promise((resolve) => tab.socket.once('disconnect', resolve)));

  await ok(admin, 'patient:end-sessions', { threadId: thread.id });
  await Promise.all(closed);
  await assert.rejects(connectVisitor(file.relay.url, { token: phone.token }), { message: 'TOKEN_INVALID' });
  assert.equal((await ok(admin, 'thread:get', { threadId: thread.id })).thread.id, thread.id);
  const { entries } = await file.relay.stores.accessLog.list(admin.me.clinic.id, { action: 'sessions-ended' });
  assert.ok(entries.some((entry) => entry.staffId === admin.me.staff.id && entry.threadId === thread.id));
});

test('the head, who only reads, may not end a patient’s sessions', async () => {
  const patient = await file.open.patient();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  const head = await file.open.staff('head@demo.clinic');
  assert.equal((await call(head, 'patient:end-sessions', { threadId: thread.id })).error?.code, 'FORBIDDEN');
  assert.ok(patient.socket.connected);
});
