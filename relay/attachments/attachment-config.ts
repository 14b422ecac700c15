/**
 * The attachment settings (issue 9) read from the environment by loadConfig
 * (relay/config.ts) with the same rules and errors; the defaults are in
 * attachment-defaults.ts, which config.ts needs while it loads (this file imports it back).
 */
import { ConfigError, boolean, integer, oneOf, secretUrl, type Env } from '../config.ts';
import { ATTACHMENT_DEFAULTS, MB, type AttachmentConfig, type S3Settings } from './attachment-defaults.ts';

function s3Settings(env: Env): S3Settings {
  const bucket = env.S3_BUCKET;
  if (!bucket) throw new ConfigError('S3_BUCKET', 'a bucket name when ATTACHMENTS_STORAGE=s3', '');
  const accessKeyId = env.S3_ACCESS_KEY_ID || null;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY || null;
  if ((accessKeyId === null) !== (secretAccessKey === null)) {
    throw new ConfigError('S3_SECRET_ACCESS_KEY', 'both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither', '(hidden)');
  }
  const endpoint = secretUrl(env, 'S3_ENDPOINT', ['http:', 'https:'], 'http://127.0.0.1:9000');
  return {
    endpoint,
    bucket,
    region: env.S3_REGION || 'us-east-1',
    accessKeyId,
    secretAccessKey,
    // Custom endpoints are nearly always path-style (MinIO, s3rver); AWS is virtual-hosted.
    forcePathStyle: boolean(env, 'S3_FORCE_PATH_STYLE', endpoint !== null),
  };
}

export function loadAttachmentConfig(env: Env): AttachmentConfig {
  const storage = oneOf(env, 'ATTACHMENTS_STORAGE', ['fs', 's3'] as const, ATTACHMENT_DEFAULTS.storage);
  const secret = env.ATTACHMENTS_SIGNING_SECRET || null;
  if (secret !== null && secret.length < 32) throw new ConfigError('ATTACHMENTS_SIGNING_SECRET', 'at least 32 characters', '(hidden)');
  return {
    storage,
    dir: env.ATTACHMENTS_DIR || null,
    s3: storage === 's3' ? s3Settings(env) : null,
    imageBytesMax: integer(env, 'ATTACHMENT_IMAGE_MAX_MB', 1, 100, ATTACHMENT_DEFAULTS.imageBytesMax / MB) * MB,
    documentBytesMax: integer(env, 'ATTACHMENT_DOCUMENT_MAX_MB', 1, 100, ATTACHMENT_DEFAULTS.documentBytesMax / MB) * MB,
    signingSecret: secret,
    urlTtlSeconds: integer(env, 'ATTACHMENT_URL_TTL_SECONDS', 10, 3600, ATTACHMENT_DEFAULTS.urlTtlSeconds),
    unsentMaxAgeSeconds: integer(env, 'ATTACHMENT_UNSENT_MAX_AGE_SECONDS', 60, 30 * 24 * 3600, ATTACHMENT_DEFAULTS.unsentMaxAgeSeconds),
    sweepIntervalSeconds: integer(env, 'ATTACHMENT_SWEEP_INTERVAL_SECONDS', 1, 24 * 3600, ATTACHMENT_DEFAULTS.sweepIntervalSeconds),
  };
}
