import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../config.ts';

test('attachments default to the filesystem with the issue’s limits', () => {
  const { attachments } = loadConfig({});
  assert.deepEqual(
    [attachments.storage, attachments.s3, attachments.imageBytesMax, attachments.documentBytesMax],
    ['fs', null, 15 * 1024 * 1024, 20 * 1024 * 1024],
  );
});

test('S3 storage needs a bucket, both keys or neither, and defaults to path style with a custom endpoint', () => {
  assert.throws(
    () => loadConfig({ ATTACHMENTS_STORAGE: 's3' }),
    (e: unknown) => e instanceof ConfigError && /S3_BUCKET/.test(e.message),
  );
  assert.throws(
    () => loadConfig({ ATTACHMENTS_STORAGE: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' }),
    (e: unknown) => e instanceof ConfigError && /S3_SECRET_ACCESS_KEY/.test(e.message) && !e.message.includes('"k"'),
  );
  const minio = loadConfig({ ATTACHMENTS_STORAGE: 's3', S3_BUCKET: 'b', S3_ENDPOINT: 'http://127.0.0.1:9000' }).attachments.s3;
  assert.equal(minio?.forcePathStyle, true);
  const aws = loadConfig({ ATTACHMENTS_STORAGE: 's3', S3_BUCKET: 'b', S3_REGION: 'eu-central-1' }).attachments.s3;
  assert.deepEqual([aws?.endpoint, aws?.forcePathStyle, aws?.region], [null, false, 'eu-central-1']);
});

test('sizes are set in megabytes and a signing secret must be long, never echoed', () => {
  assert.equal(loadConfig({ ATTACHMENT_IMAGE_MAX_MB: '5' }).attachments.imageBytesMax, 5 * 1024 * 1024);
  assert.throws(() => loadConfig({ ATTACHMENT_IMAGE_MAX_MB: '0' }), ConfigError);
  assert.throws(
    () => loadConfig({ ATTACHMENTS_SIGNING_SECRET: 'short-secret' }),
    (e: unknown) => e instanceof ConfigError && !e.message.includes('short-secret'),
  );
});
