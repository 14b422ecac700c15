/**
 * Ready answers with files and `{name}` (issue 9 (e)): the owner uploads a price list to the
 * clinic's answers, saves an answer with it; a colleague uses the answer in a thread, sends
 * it, and the patient downloads the PDF.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newClientMessageId as clientId } from '../../protocol/ids.ts';
import type { Message } from '../../protocol/model.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { call, login, nextEvent, ok, trackConnections } from '../testing/clients.ts';
import { MINIMAL_PDF, uploadFile } from '../testing/attachment-files.ts';

let relay: TestRelay;
let dataDir: string;
const open = trackConnections(() => relay);
before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clinic-chat-answer-files-'));
  relay = await startTestRelay({ env: { DATA_DIR: dataDir } });
});
after(async () => {
  open.closeAll();
  await relay.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a staff message with a PDF from a ready answer reaches the patient, named, who downloads it', async () => {
  const { cookie } = await login(relay.url, 'owner@demo.clinic', relay.password);
  const uploaded = await uploadFile(relay.url, { threadId: 'answers', cookie, body: MINIMAL_PDF, name: 'Прайс 2026.pdf' });
  assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
  const owner = await open.staff('owner@demo.clinic');
  const { answer } = await ok(owner, 'answers:save', {
    shortcut: 'price',
    title: 'Прайс',
    text: 'Здравствуйте, {name}! Прайс во вложении.',
    attachments: [uploaded.body.attachment.id],
  });
  assert.equal(answer.attachments?.[0]?.name, 'Прайс 2026.pdf');

  const patient = await open.patient();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Сколько стоит приём?' });
  const admin = await open.staff('admin@demo.clinic');
  const anonymous = await ok(admin, 'answers:use', { threadId: thread.id, answerId: answer.id });
  assert.equal(anonymous.text, 'Здравствуйте! Прайс во вложении.');

  await ok(patient.socket, 'visitor:identify', { name: 'Анна' });
  const used = await ok(admin, 'answers:use', { threadId: thread.id, answerId: answer.id });
  assert.equal(used.text, 'Здравствуйте, Анна! Прайс во вложении.');
  assert.equal(used.attachments.length, 1);
  assert.notEqual(used.attachments[0]!.id, uploaded.body.attachment.id, 'a copy for the thread');

  const reached = nextEvent<Message>(patient.socket, 'message', (m) => m.threadId === thread.id && m.author.kind === 'staff');
  await ok(admin, 'message:send', { threadId: thread.id, clientId: clientId(), text: used.text, attachments: used.attachments.map((a) => a.id) });
  const message = await reached;
  assert.equal(message.type === 'text' && message.text, 'Здравствуйте, Анна! Прайс во вложении.');
  const ref = message.type === 'text' ? message.attachments?.[0] : undefined;
  assert.equal(ref?.name, 'Прайс 2026.pdf');
  const response = await fetch((await ok(patient.socket, 'attachment:url', { threadId: thread.id, attachmentId: ref!.id })).url);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-disposition') ?? '', /^attachment;/);
  assert.deepEqual(Buffer.from(await response.arrayBuffer()), MINIMAL_PDF);
  // The answer's own file is not a file of the thread.
  const original = await call(patient.socket, 'attachment:url', { threadId: thread.id, attachmentId: uploaded.body.attachment.id });
  assert.equal(original.error?.code, 'ATTACHMENT_NOT_FOUND');
});

test('only the owner and administrators upload files for ready answers', async () => {
  const { cookie } = await login(relay.url, 'doctor@demo.clinic', relay.password);
  const refused = await uploadFile(relay.url, { threadId: 'answers', cookie, body: MINIMAL_PDF });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.code, 'FORBIDDEN');
});
