/**
 * The attachment service (issue 9), as the HTTP routes and socket handlers use it:
 * upload (type from content, size limits, images re-encoded, idempotent per key),
 * references for a message, signed download URLs for those who may read the thread,
 * opening a signed file, and the sweep of unsent uploads. Owns its storage and sweeper.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { AttachmentRef, AttachmentUrlResult, AttachmentVariant, SignedFileQuery } from '../../protocol/attachments.ts';
import type { AttachmentId, ThreadId } from '../../protocol/ids.ts';
import type { Side } from '../../protocol/model.ts';
import type { RelayConfig } from '../config.ts';
import { ClientError, RelayError } from '../errors.ts';
import type { RelayRedis } from '../store/redis-client.ts';
import { newEntityId } from '../store/random-ids.ts';
import { createAttachmentStore, fileKey, type StoredAttachment } from './attachment-store.ts';
import { checkSize, detectKind, displayName } from './file-kinds.ts';
import { processImage } from './image-processing.ts';
import { signedPath, verifySignature } from './signed-urls.ts';
import { createStorage } from './storage.ts';
import { startSweeper, sweepUnsent } from './unsent-sweep.ts';

export interface AttachmentsDeps {
  redis: RelayRedis;
  config: Readonly<Pick<RelayConfig, 'attachments' | 'dataDir'>>;
  log: Logger;
  /** Tests move time forward for signatures and the sweep. */
  now?: () => number;
}

export interface Upload {
  threadId: ThreadId;
  /** `p` or `s:<staff id>` (thread-store's `senderKey`): only that sender may attach it. */
  owner: string;
  idempotencyKey: string;
  name: string | undefined;
  body: Buffer;
}

/**
 * Who may get a URL for a file in a state: the patient sees what was sent to the thread
 * and their own unsent uploads (never a note's files); staff who may read the thread see
 * everything but the patient's unsent uploads.
 */
function mayView(state: string, side: Side): boolean {
  if (side === 'patient') return state === 'sent' || state === 'pending p';
  return state !== 'pending p';
}

async function storedFiles(body: Buffer, limits: RelayConfig['attachments']) {
  const detected = await detectKind(body);
  checkSize(detected.kind, body.length, limits);
  if (detected.kind === 'document') return { kind: detected.kind, mime: detected.mime, body, thumb: null, size: {} };
  const image = await processImage(body, detected.mime);
  return { kind: detected.kind, mime: image.mime, body: image.body, thumb: image.thumb, size: { width: image.width, height: image.height } };
}

export async function createAttachments({ redis, config, log, now = Date.now }: AttachmentsDeps) {
  const settings = config.attachments;
  const store = createAttachmentStore(redis);
  const storage = createStorage(settings, config.dataDir);
  const secret = await store.signingSecret(settings.signingSecret, randomBytes(32).toString('base64url'));
  const sweepDeps = { store, storage, maxAgeMs: settings.unsentMaxAgeSeconds * 1000, now };
  const sweeper = startSweeper(() => sweepUnsent(sweepDeps), settings.sweepIntervalSeconds * 1000, log);

  async function storageStep<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (cause) {
      throw new RelayError('RELAY_ERR_ATTACHMENT_STORAGE', undefined, { cause });
    }
  }

  return {
    limits: { imageBytesMax: settings.imageBytesMax, documentBytesMax: settings.documentBytesMax },

    /** Stores a file for a thread; a retry with the same owner and key returns the first attachment (`created: false`). */
    async upload(upload: Upload): Promise<{ attachment: AttachmentRef; created: boolean }> {
      const field = `${upload.owner} ${upload.idempotencyKey}`;
      const earlier = await store.byIdempotencyKey(upload.threadId, field);
      if (earlier) return { attachment: earlier.ref, created: false };

      const files = await storedFiles(upload.body, settings);
      const id = newEntityId<AttachmentId>();
      const attachment: AttachmentRef = {
        id,
        kind: files.kind,
        mime: files.mime,
        name: displayName(upload.name, files.mime),
        size: files.body.length,
        ...files.size,
        ...(files.thumb ? { thumb: true } : {}),
      };
      const createdAt = now();
      await store.markPending(upload.threadId, id, createdAt);
      await storageStep(() =>
        Promise.all([
          storage.put(fileKey(upload.threadId, id, 'original'), files.body, files.mime),
          files.thumb && storage.put(fileKey(upload.threadId, id, 'thumb'), files.thumb, files.mime),
        ]),
      );
      const stored: StoredAttachment = { ref: attachment, owner: upload.owner, createdAt, idempotency: field };
      const winner = await store.commit(upload.threadId, stored);
      if (winner === id) return { attachment, created: true };
      // A concurrent attempt with the same key recorded first: keep one copy, its.
      await storageStep(() => Promise.all([storage.delete(fileKey(upload.threadId, id, 'original')), storage.delete(fileKey(upload.threadId, id, 'thumb'))]));
      const first = await store.get(upload.threadId, winner);
      if (!first) throw new ClientError('ATTACHMENT_NOT_FOUND');
      return { attachment: first.ref, created: false };
    },

    /** The references a message will carry; ATTACHMENT_NOT_FOUND when one is not the thread's. */
    async refs(threadId: ThreadId, ids: readonly AttachmentId[] | undefined): Promise<AttachmentRef[] | undefined> {
      if (!ids?.length) return undefined;
      const refs = await store.refs(threadId, ids);
      if (!refs) throw new ClientError('ATTACHMENT_NOT_FOUND');
      return refs;
    },

    /** A signed URL (absolute, from `base`) for a reader of the thread on `side`. */
    async signedUrl(threadId: ThreadId, id: AttachmentId, variant: AttachmentVariant, side: Side, base: string): Promise<AttachmentUrlResult> {
      const found = await store.get(threadId, id);
      if (!found || !mayView(found.state, side) || (variant === 'thumb' && !found.ref.thumb)) throw new ClientError('ATTACHMENT_NOT_FOUND');
      const expiresAt = now() + settings.urlTtlSeconds * 1000;
      return { url: base + signedPath(secret, { threadId, id, variant, expiresAt }), expiresAt };
    },

    /** The file a signed URL names, or null for anything not exactly as issued or no longer there. */
    async open(id: AttachmentId, query: SignedFileQuery): Promise<{ ref: AttachmentRef; variant: AttachmentVariant; body: Readable } | null> {
      const variant = query.v ?? 'original';
      const file = { threadId: query.t, id, variant, expiresAt: Number(query.exp) };
      if (!verifySignature(secret, file, query.sig, now())) return null;
      const found = await store.get(query.t, id);
      if (!found) return null;
      const body = await storageStep(() => storage.get(fileKey(query.t, id, variant)));
      return body && { ref: found.ref, variant, body };
    },

    /** One sweep pass now (the timer runs them every ATTACHMENT_SWEEP_INTERVAL_SECONDS). */
    sweep: () => sweepUnsent(sweepDeps),

    async close(): Promise<void> {
      await sweeper.stop();
      storage.close();
    },
  };
}

export type Attachments = Awaited<ReturnType<typeof createAttachments>>;
