/** The attachment settings and their commented defaults (issue 9); read by attachment-config.ts. */
import { ATTACHMENT_LIMITS } from '../../protocol/attachment-limits.ts';

export const MB = 1024 * 1024;

export interface S3Settings {
  /** Unset: AWS itself (the region's endpoint); set for MinIO, Ceph, Yandex Object Storage, s3rver… */
  endpoint: string | null;
  bucket: string;
  region: string;
  /** Unset: the SDK's default credential chain (environment, instance role). */
  accessKeyId: string | null;
  secretAccessKey: string | null;
  /** `bucket` as a path segment rather than a host name: what MinIO and s3rver expect. */
  forcePathStyle: boolean;
}

export interface AttachmentConfig {
  /** 'fs': files under `dir`; 's3': an S3-compatible bucket, for several relays. */
  storage: 'fs' | 's3';
  /** Where 'fs' keeps files; null: `<DATA_DIR>/attachments` (never the web root). */
  dir: string | null;
  s3: S3Settings | null;
  imageBytesMax: number;
  documentBytesMax: number;
  /** Key of the download URLs' HMAC; null: one generated once and kept in Redis, shared by every relay on it. */
  signingSecret: string | null;
  /** How long a signed download URL works. */
  urlTtlSeconds: number;
  /** An upload no message referenced is removed after this long. */
  unsentMaxAgeSeconds: number;
  /** How often a relay looks for such uploads. */
  sweepIntervalSeconds: number;
}

export const ATTACHMENT_DEFAULTS: Readonly<AttachmentConfig> = Object.freeze({
  storage: 'fs',
  dir: null,
  s3: null,
  imageBytesMax: ATTACHMENT_LIMITS.imageBytesMax,
  documentBytesMax: ATTACHMENT_LIMITS.documentBytesMax,
  signingSecret: null,
  /** Five minutes: long enough to load a page of images, short enough that a copied link dies. */
  urlTtlSeconds: 5 * 60,
  /** A day, as issue 9 asks. */
  unsentMaxAgeSeconds: 24 * 3600,
  sweepIntervalSeconds: 15 * 60,
});
