/**
 * Attachments end to end on a real relay, real Redis and the real filesystem (issue 9):
 * uploads decided from content, images stripped of EXIF/GPS, idempotent retries, signed
 * downloads only for the thread's readers, messages carrying files de-duplicated like text.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { AttachmentRef } from '../../protocol/attachments.ts';
import { newClientMessageId as clientId, type AttachmentId, type ThreadId } from '../../protocol/ids.ts';
import type { Message } from '../../protocol/model.ts';
import { connectRedis, type RelayRedis } from '../store/redis-client.ts';
import { startTestRelay, TEST_PASSWORD, type TestRelay } from '../testing/harness.ts';
import { call, login, nextEvent, ok, trackConnections } from '../testing/clients.ts';
import { CAMERA_MAKE, HTML_AS_JPEG, MINIMAL_PDF, SVG_WITH_SCRIPT, filesUnder, photoWithGps, uploadFile } from '../testing/attachment-files.ts';

let relay: TestRelay;
let redis: RelayRedis;
let dataDir: string;
const open = trackConnections(() => relay);
const filesDir = () => join(dataDir, 'attachments');

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clinic-chat-attachments-'));
  relay = await startTestRelay({ env: { DATA_DIR: dataDir } });
  const other = await relay.stores.clinics.create({
    siteKey: 'other-clinic',
    name: 'Other',
    greeting: '',
    locale: 'en',
    origins: [relay.url],
    bookingUrl: null,
    officeHours: null,
  });
  await relay.stores.staff.create({ clinicId: other.id, email: 'admin@other.clinic', name: 'Other Admin', role: 'admin', password: TEST_PASSWORD });
  redis = connectRedis(relay.redis.url);
});
after(async () => {
  open.closeAll();
  redis.disconnect();
  await relay.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function patientWithThread(siteKey = 'demo') {
  const patient = await open.patient({ siteKey });
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  return { ...patient, threadId: thread.id };
}

/** Redis keys of this thread's attachments, and its entries in the pending set: empty when nothing was stored. */
async function storedFor(threadId: ThreadId): Promise<string[]> {
  const pending = (await redis.zrange('attachments:pending', 0, -1)).filter((member) => member.startsWith(`${threadId}/`));
  return [...(await redis.keys(`{t:${threadId}}:attachment*`)), ...pending];
}

async function download(url: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

test('a photo with EXIF GPS is stored re-encoded: orientation applied, no EXIF, and staff download it without GPS', async () => {
  const p = await patientWithThread();
  const photo = await photoWithGps(400, 300);
  assert.ok((await sharp(photo).metadata()).exif, 'the sample carries EXIF');
  assert.ok(photo.includes(CAMERA_MAKE));

  const uploaded = await uploadFile(relay.url, { threadId: p.threadId, token: p.token, body: photo, name: 'IMG_0001.JPG', contentType: 'image/jpeg' });
  assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
  const ref = uploaded.body.attachment as AttachmentRef;
  assert.deepEqual(
    { kind: ref.kind, mime: ref.mime, name: ref.name, width: ref.width, height: ref.height, thumb: ref.thumb },
    {
      kind: 'image',
      mime: 'image/jpeg',
      name: 'IMG_0001.jpg',
      // Orientation 6: the stored image is upright, so portrait.
      width: 300,
      height: 400,
      thumb: true,
    },
  );

  const admin = await open.staff('admin@demo.clinic');
  const seen = nextEvent<Message>(admin, 'message', (m) => m.threadId === p.threadId);
  await ok(p.socket, 'message:send', { threadId: p.threadId, clientId: clientId(), text: '', attachments: [ref.id] });
  const message = await seen;
  assert.equal(message.type, 'text');
  assert.deepEqual(message.type === 'text' && message.attachments, [ref]);

  const { url } = await ok(admin, 'attachment:url', { threadId: p.threadId, attachmentId: ref.id });
  const file = await download(url);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'image/jpeg');
  assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
  assert.match(file.headers.get('content-security-policy') ?? '', /sandbox/);
  assert.match(file.headers.get('cache-control') ?? '', /private/);
  assert.match(file.headers.get('content-disposition') ?? '', /^inline; filename="IMG_0001.jpg"/);
  const meta = await sharp(file.bytes).metadata();
  assert.equal(meta.exif, undefined);
  assert.equal(meta.xmp, undefined);
  assert.equal(file.bytes.includes('Exif'), false);
  assert.equal(file.bytes.includes(CAMERA_MAKE), false);
  assert.deepEqual([meta.width, meta.height], [300, 400]);

  const thumb = await download((await ok(admin, 'attachment:url', { threadId: p.threadId, attachmentId: ref.id, variant: 'thumb' })).url);
  assert.equal(thumb.status, 200);
  const thumbMeta = await sharp(thumb.bytes).metadata();
  assert.ok(Math.max(thumbMeta.width!, thumbMeta.height!) <= 320);
  assert.equal(thumbMeta.exif, undefined);

  const { entries: log } = await relay.stores.accessLog.list((await relay.stores.threads.get(p.threadId))!.clinicId, { action: 'attachment' });
  assert.ok(log.some((entry) => entry.threadId === p.threadId && entry.staffId === admin.me.staff.id));
});

test('HTML renamed .jpg and an SVG are refused with ATTACHMENT_TYPE and nothing is stored', async () => {
  const p = await patientWithThread();
  const before = filesUnder(filesDir());
  for (const [body, name, contentType] of [
    [HTML_AS_JPEG, 'photo.jpg', 'image/jpeg'],
    [SVG_WITH_SCRIPT, 'logo.svg', 'image/svg+xml'],
    [Buffer.from('#!/bin/sh\nrm -rf /\n'), 'run.sh', 'text/x-sh'],
    [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, ...new Array(40).fill(0)]), 'docs.zip', 'application/zip'],
  ] as const) {
    const refused = await uploadFile(relay.url, { threadId: p.threadId, token: p.token, body, name, contentType });
    assert.equal(refused.status, 415, name);
    assert.equal(refused.body.code, 'ATTACHMENT_TYPE', name);
  }
  assert.deepEqual(filesUnder(filesDir()), before);
  assert.deepEqual(await storedFor(p.threadId), []);
});

test('a file that claims to be a HEIC photo but no decoder reads is ATTACHMENT_TYPE and nothing is stored', async () => {
  const p = await patientWithThread();
  const fakeHeic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(4), Buffer.from('mif1heic'), Buffer.alloc(64)]);
  const refused = await uploadFile(relay.url, { threadId: p.threadId, token: p.token, body: fakeHeic, name: 'IMG_1.HEIC' });
  assert.equal(refused.status, 415);
  assert.deepEqual(refused.body.data, { reason: 'unreadable image' });
  assert.deepEqual(await storedFor(p.threadId), []);
});

test('a document over the size limit is ATTACHMENT_TOO_LARGE and nothing is stored', async () => {
  const p = await patientWithThread();
  const tooBig = Buffer.concat([MINIMAL_PDF, Buffer.alloc(20 * 1024 * 1024)]);
  const refused = await uploadFile(relay.url, { threadId: p.threadId, token: p.token, body: tooBig, name: 'scan.pdf' });
  assert.equal(refused.status, 413);
  assert.equal(refused.body.code, 'ATTACHMENT_TOO_LARGE');
  assert.deepEqual(await storedFor(p.threadId), []);
  assert.equal(filesUnder(join(filesDir(), p.threadId)).length, 0);
});

test('a retried upload with the same idempotency key returns the same attachment and stores one file, also when both race', async () => {
  const p = await patientWithThread();
  const body = await photoWithGps();
  const key = clientId();
  const first = await uploadFile(relay.url, { threadId: p.threadId, token: p.token, body, key });
  const retry = await uploadFile(relay.url, { threadId: p.threadId, token: p.token, body, key });
  assert.equal(first.status, 201);
  assert.equal(retry.status, 200);
  assert.equal(retry.body.attachment.id, first.body.attachment.id);
  assert.deepEqual(filesUnder(join(filesDir(), p.threadId)).sort(), [`${first.body.attachment.id}/original`, `${first.body.attachment.id}/thumb`]);

  const raceKey = clientId();
  const [a, b] = await Promise.all([0, 1].map(() => uploadFile(relay.url, { threadId: p.threadId, token: p.token, body, key: raceKey })));
  assert.equal(a!.body.attachment.id, b!.body.attachment.id);
  assert.deepEqual([a!.status, b!.status].sort(), [200, 201]);
  assert.equal(filesUnder(join(filesDir(), p.threadId)).length, 4);
});

test('a visitor of another thread or clinic, and a wrong or forged signed URL, get 404', async () => {
  const owner = await patientWithThread();
  const ref = (await uploadFile(relay.url, { threadId: owner.threadId, token: owner.token, body: MINIMAL_PDF, name: 'анализы.pdf' })).body
    .attachment as AttachmentRef;
  assert.equal(ref.kind, 'document');
  await ok(owner.socket, 'message:send', { threadId: owner.threadId, clientId: clientId(), text: 'Результаты', attachments: [ref.id] });
  const { url } = await ok(owner.socket, 'attachment:url', { threadId: owner.threadId, attachmentId: ref.id });
  const pdf = await download(url);
  assert.equal(pdf.status, 200);
  assert.deepEqual(pdf.bytes, MINIMAL_PDF);
  assert.match(pdf.headers.get('content-disposition') ?? '', /^attachment; .*filename\*=UTF-8''%D0%B0%D0%BD%D0%B0%D0%BB%D0%B8%D0%B7%D1%8B\.pdf$/);

  const stranger = await patientWithThread();
  const foreign = await patientWithThread('other-clinic');
  for (const other of [stranger, foreign]) {
    assert.equal((await call(other.socket, 'attachment:url', { threadId: owner.threadId, attachmentId: ref.id })).error?.code, 'NOT_FOUND');
    assert.equal((await call(other.socket, 'attachment:url', { threadId: other.threadId, attachmentId: ref.id })).error?.code, 'ATTACHMENT_NOT_FOUND');
    const upload = await uploadFile(relay.url, { threadId: owner.threadId, token: other.token, body: MINIMAL_PDF });
    assert.equal(upload.status, 404);
    assert.equal(upload.body.code, 'NOT_FOUND');
  }
  const otherStaff = await open.staff('admin@other.clinic');
  assert.equal((await call(otherStaff, 'attachment:url', { threadId: owner.threadId, attachmentId: ref.id })).error?.code, 'NOT_FOUND');
  const { cookie } = await login(relay.url, 'admin@other.clinic', relay.password);
  assert.equal((await uploadFile(relay.url, { threadId: owner.threadId, cookie, body: MINIMAL_PDF })).status, 404);

  const signed = new URL(url);
  const tampered = (change: (q: URLSearchParams) => void) => {
    const copy = new URL(signed);
    change(copy.searchParams);
    return copy.toString();
  };
  const forged = [
    tampered((q) => q.set('sig', `${q.get('sig')!.slice(0, -1)}${q.get('sig')!.endsWith('A') ? 'B' : 'A'}`)),
    tampered((q) => q.set('t', stranger.threadId)),
    tampered((q) => q.set('exp', String(Number(q.get('exp')) + 60_000))),
    tampered((q) => q.delete('sig')),
    tampered((q) => q.set('v', 'thumb')),
    `${relay.url}/files/${ref.id}`,
  ];
  for (const forgedUrl of forged) {
    const answer = await download(forgedUrl);
    assert.equal(answer.status, 404, forgedUrl);
    assert.equal(JSON.parse(answer.bytes.toString()).code, 'ATTACHMENT_NOT_FOUND');
  }
});

test('a message with attachments is de-duplicated by client id, and an upload can be sent only once and only by its uploader', async () => {
  const p = await patientWithThread();
  const admin = await open.staff('admin@demo.clinic');
  const ref = (await uploadFile(relay.url, { threadId: p.threadId, token: p.token, body: MINIMAL_PDF })).body.attachment as AttachmentRef;
  const send = { threadId: p.threadId, clientId: clientId(), text: 'направление', attachments: [ref.id] };
  const first = await ok(p.socket, 'message:send', send);
  const retry = await ok(p.socket, 'message:send', send);
  assert.deepEqual(retry, first);
  const history = await ok(admin, 'message:history', { threadId: p.threadId });
  assert.equal(history.messages.filter((m) => m.type === 'text' && m.attachments?.[0]?.id === ref.id).length, 1);

  const again = await call(p.socket, 'message:send', { threadId: p.threadId, clientId: clientId(), text: 'ещё раз', attachments: [ref.id] });
  assert.equal(again.error?.code, 'ATTACHMENT_NOT_FOUND');
  const patientsUpload = (await uploadFile(relay.url, { threadId: p.threadId, token: p.token, body: MINIMAL_PDF })).body.attachment as AttachmentRef;
  const byStaff = await call(admin, 'message:send', { threadId: p.threadId, clientId: clientId(), text: '', attachments: [patientsUpload.id] });
  assert.equal(byStaff.error?.code, 'ATTACHMENT_NOT_FOUND');
  // An unsent upload of the patient is theirs alone until they send it.
  assert.equal((await call(admin, 'attachment:url', { threadId: p.threadId, attachmentId: patientsUpload.id })).error?.code, 'ATTACHMENT_NOT_FOUND');
  const unknown = await call(p.socket, 'message:send', {
    threadId: p.threadId,
    clientId: clientId(),
    text: 'x',
    attachments: ['AAAAAAAAAAAAAAAAAAAAAA' as AttachmentId],
  });
  assert.equal(unknown.error?.code, 'ATTACHMENT_NOT_FOUND');
  const empty = await call(p.socket, 'message:send', { threadId: p.threadId, clientId: clientId(), text: '  ' });
  assert.equal(empty.error?.code, 'TEXT_EMPTY');
  const six = await call(p.socket, 'message:send', { threadId: p.threadId, clientId: clientId(), text: 'x', attachments: new Array(6).fill(ref.id) });
  assert.equal(six.error?.code, 'BAD_REQUEST');
});

test('a staff PDF reaches the patient, who downloads it; a private note’s file never reaches the patient', async () => {
  const p = await patientWithThread();
  await ok(p.socket, 'message:send', { threadId: p.threadId, clientId: clientId(), text: 'Пришлите прайс' });
  const { cookie } = await login(relay.url, 'admin@demo.clinic', relay.password);
  const admin = await open.staff('admin@demo.clinic');
  const priceList = await uploadFile(relay.url, { threadId: p.threadId, cookie, body: MINIMAL_PDF, name: 'price.pdf', origin: relay.url });
  assert.equal(priceList.status, 201);
  const crossSite = await uploadFile(relay.url, { threadId: p.threadId, cookie, body: MINIMAL_PDF, origin: 'https://evil.example' });
  assert.equal(crossSite.body.code, 'CSRF_REJECTED');
  const reached = nextEvent<Message>(p.socket, 'message', (m) => m.threadId === p.threadId && m.author.kind === 'staff');
  await ok(admin, 'message:send', { threadId: p.threadId, clientId: clientId(), text: 'Прайс во вложении', attachments: [priceList.body.attachment.id] });
  const message = await reached;
  const ref = message.type === 'text' ? message.attachments?.[0] : undefined;
  assert.equal(ref?.name, 'price.pdf');
  const file = await download((await ok(p.socket, 'attachment:url', { threadId: p.threadId, attachmentId: ref!.id })).url);
  assert.deepEqual(file.bytes, MINIMAL_PDF);

  const noteFile = await uploadFile(relay.url, { threadId: p.threadId, cookie, body: MINIMAL_PDF, name: 'internal.pdf' });
  await ok(admin, 'message:send', {
    threadId: p.threadId,
    clientId: clientId(),
    text: 'для коллег',
    private: true,
    attachments: [noteFile.body.attachment.id],
  });
  assert.equal(
    (await call(p.socket, 'attachment:url', { threadId: p.threadId, attachmentId: noteFile.body.attachment.id })).error?.code,
    'ATTACHMENT_NOT_FOUND',
  );
  assert.ok((await ok(admin, 'attachment:url', { threadId: p.threadId, attachmentId: noteFile.body.attachment.id })).url);
});

test('an upload without credentials is AUTH_REQUIRED, without an idempotency key BAD_REQUEST', async () => {
  const p = await patientWithThread();
  const anonymous = await uploadFile(relay.url, { threadId: p.threadId, body: MINIMAL_PDF });
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.body.code, 'AUTH_REQUIRED');
  const response = await fetch(`${relay.url}/api/v1/attachments?threadId=${p.threadId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${p.token}` },
    body: new Uint8Array(MINIMAL_PDF),
  });
  assert.equal(response.status, 400);
  assert.equal(((await response.json()) as { code: string }).code, 'BAD_REQUEST');
  assert.deepEqual(await storedFor(p.threadId), []);
});

test('the widget may upload from a clinic site: the preflight allows any origin and the upload headers, without cookies', async () => {
  const response = await fetch(`${relay.url}/api/v1/attachments?threadId=x`, {
    method: 'OPTIONS',
    headers: {
      'origin': 'https://clinic.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,idempotency-key,x-file-name,content-type',
    },
  });
  assert.equal(response.status, 204);
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  assert.equal(response.headers.get('access-control-allow-credentials'), null);
  assert.match(response.headers.get('access-control-allow-headers') ?? '', /idempotency-key/);
});
