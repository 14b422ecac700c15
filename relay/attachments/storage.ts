/**
 * Where attachment files live, behind one small interface: the local filesystem
 * (`npm start`, one relay) or an S3-compatible bucket (several relays). Keys are made
 * by attachment-keys.ts from validated ids only, so no caller's text becomes a path.
 */
import type { Readable } from 'node:stream';
import type { AttachmentConfig } from './attachment-defaults.ts';
import { createFsStorage } from './fs-storage.ts';
import { createS3Storage } from './s3-storage.ts';
import { RelayError } from '../errors.ts';

export interface AttachmentStorage {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The stored bytes, or null when there is no such file. */
  get(key: string): Promise<Readable | null>;
  /** Removes the file; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
  close(): void;
}

export function createStorage(config: AttachmentConfig, dataDir: string): AttachmentStorage {
  if (config.storage === 's3' && config.s3) return createS3Storage(config.s3);
  return createFsStorage(config.dir ?? `${dataDir}/attachments`);
}

/** A storage call whose failure is the relay's one storage error (the cause chained, never the key in a message). */
export async function storageStep<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (cause) {
    throw new RelayError('RELAY_ERR_ATTACHMENT_STORAGE', undefined, { cause });
  }
}
