/**
 * With ATTACHMENTS_STORAGE=s3 the attachment flow runs against a real S3-compatible
 * server (s3rver, in-process): a photo with GPS is stored stripped, a retried upload is one
 * object, and staff download it through a signed URL (issue 9 (g)).
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { newClientMessageId as clientId } from '../../protocol/ids.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { ok, trackConnections } from '../testing/clients.ts';
import { CAMERA_MAKE, photoWithGps, uploadFile } from '../testing/attachment-files.ts';
import { startLocalS3, TEST_BUCKET, type LocalS3 } from '../testing/local-s3.ts';

let s3: LocalS3;
let relay: TestRelay;
const open = trackConnections(() => relay);
before(async () => {
  s3 = await startLocalS3();
  relay = await startTestRelay({ env: s3.env });
});
after(async () => {
  open.closeAll();
  await relay.stop();
  await s3.stop();
});

async function objectKeys(prefix: string): Promise<string[]> {
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: s3.env.S3_REGION!,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.env.S3_ACCESS_KEY_ID!, secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY! },
  });
  try {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: TEST_BUCKET, Prefix: prefix }));
    return (listed.Contents ?? []).map((object) => object.Key!).sort();
  } finally {
    client.destroy();
  }
}

test('in S3 storage, a retried photo upload is one object and staff download it without EXIF or GPS', async () => {
  const patient = await open.patient();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  const photo = await photoWithGps();
  const key = clientId();
  const first = await uploadFile(relay.url, { threadId: thread.id, token: patient.token, body: photo, key, name: 'rash.jpg' });
  const retry = await uploadFile(relay.url, { threadId: thread.id, token: patient.token, body: photo, key, name: 'rash.jpg' });
  assert.deepEqual([first.status, retry.status], [201, 200]);
  const id = first.body.attachment.id as string;
  assert.equal(retry.body.attachment.id, id);
  assert.deepEqual(await objectKeys(`${thread.id}/`), [`${thread.id}/${id}/original`, `${thread.id}/${id}/thumb`]);

  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: 'Вот фото', attachments: [first.body.attachment.id] });
  const admin = await open.staff('admin@demo.clinic');
  const { url } = await ok(admin, 'attachment:url', { threadId: thread.id, attachmentId: first.body.attachment.id });
  const response = await fetch(url);
  assert.equal(response.status, 200);
  const bytes = Buffer.from(await response.arrayBuffer());
  const meta = await sharp(bytes).metadata();
  assert.equal(meta.format, 'jpeg');
  assert.equal(meta.exif, undefined);
  assert.equal(bytes.includes('Exif'), false);
  assert.equal(bytes.includes(CAMERA_MAKE), false);
  assert.equal(bytes.length, first.body.attachment.size);
});

test('with S3 storage a second relay on the same Redis serves a URL the first one signed', async (t) => {
  const second = await startTestRelay({ env: s3.env, redis: relay.redis });
  t.after(() => second.stop());
  const patient = await open.patient();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  const uploaded = await uploadFile(relay.url, { threadId: thread.id, token: patient.token, body: await photoWithGps(), name: 'a.jpg' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: clientId(), text: '', attachments: [uploaded.body.attachment.id] });
  const { url } = await ok(patient.socket, 'attachment:url', { threadId: thread.id, attachmentId: uploaded.body.attachment.id, variant: 'thumb' });
  const elsewhere = new URL(url);
  elsewhere.port = String(second.port);
  const response = await fetch(elsewhere);
  assert.equal(response.status, 200);
  assert.equal((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).format, 'jpeg');
});
