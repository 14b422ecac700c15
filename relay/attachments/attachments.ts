/**
 * The attachment service (issue 9), as the HTTP routes and socket handlers use it:
 * upload (type from content, size limits, images re-encoded, idempotent per key),
 * references for a message, signed download URLs for those who may read the thread,
 * opening a signed file, and one pass of the sweep of unsent uploads (the relay schedules it
 * on the shared queue: unsent-sweep.ts). Owns its storage.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { AttachmentRef, AttachmentUrlResult, AttachmentVariant, SignedFileQuery } from '../../protocol/attachments.ts';
import type { AttachmentId, ClinicId, ThreadId } from '../../protocol/ids.ts';
import type { Side } from '../../protocol/model.ts';
import type { RelayConfig } from '../config.ts';
import { ClientError, RelayError } from '../errors.ts';
import type { RelayRedis } from '../store/redis-client.ts';
import { newEntityId } from '../store/random-ids.ts';
import { createAttachmentStore, fileKey, type AttachmentScope } from './attachment-store.ts';
import { checkSize, detectKind, displayName } from './file-kinds.ts';
import { processImage } from './image-processing.ts';
import { signedPath, verifySignature } from './signed-urls.ts';
import { createStorage, storageStep } from './storage.ts';
import { createStaffPhotos } from './staff-photos.ts';
import { sweepUnsent } from './unsent-sweep.ts';

export interface AttachmentsDeps {
  redis: RelayRedis;
  config: Readonly<Pick<RelayConfig, 'attachments' | 'dataDir'>>;
  /** Tests move time forward for signatures and the sweep. */
  now?: () => number;
}

export interface Upload {
  scope: AttachmentScope;
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

interface StoredFiles {
  kind: AttachmentRef['kind'];
  mime: string;
  body: Buffer;
  thumb: Buffer | null;
  size: { width?: number; height?: number };
}

async function storedFiles(body: Buffer, limits: RelayConfig['attachments']): Promise<StoredFiles> {
  const detected = await detectKind(body);
  checkSize(detected.kind, body.length, limits);
  if (detected.kind === 'document') return { kind: detected.kind, mime: detected.mime, body, thumb: null, size: {} };
  const image = await processImage(body, detected.mime);
  return { kind: detected.kind, mime: image.mime, body: image.body, thumb: image.thumb, size: { width: image.width, height: image.height } };
}

export function createAttachments({ redis, config, now = Date.now }: AttachmentsDeps) {
  const settings = config.attachments;
  const store = createAttachmentStore(redis);
  const storage = createStorage(settings, config.dataDir);
  // Read on first use, not at start-up: the relay must start while Redis is down, and a
  // failed read is retried by the next request instead of being remembered.
  let secret: Promise<string> | null = null;
  const signingSecret = () =>
    (secret ??= store.signingSecret(settings.signingSecret, randomBytes(32).toString('base64url')).catch((error: unknown) => {
      secret = null;
      throw error;
    }));
  const sweepDeps = { store, storage, maxAgeMs: settings.unsentMaxAgeSeconds * 1000, now };

  const both = (scope: AttachmentScope, id: AttachmentId, step: (key: string) => Promise<unknown>) =>
    storageStep(() => Promise.all([step(fileKey(scope, id, 'original')), step(fileKey(scope, id, 'thumb'))]));

  /**
   * Stores processed files and records them; the idempotency field makes a retry (or a
   * racing twin) end with one attachment. Thread uploads wait on the sweep's list first.
   */
  async function record(
    scope: AttachmentScope,
    owner: string,
    field: string,
    files: StoredFiles,
    name: string,
  ): Promise<{ attachment: AttachmentRef; created: boolean }> {
    const id = newEntityId<AttachmentId>();
    const attachment: AttachmentRef = {
      id,
      kind: files.kind,
      mime: files.mime,
      name,
      size: files.body.length,
      ...files.size,
      ...(files.thumb ? { thumb: true } : {}),
    };
    const createdAt = now();
    if ('threadId' in scope) await store.markPending(scope.threadId, id, createdAt);
    await storageStep(() =>
      Promise.all([
        storage.put(fileKey(scope, id, 'original'), files.body, files.mime),
        files.thumb && storage.put(fileKey(scope, id, 'thumb'), files.thumb, files.mime),
      ]),
    );
    const winner = await store.commit(scope, { ref: attachment, owner, createdAt, idempotency: field });
    if (winner === id) return { attachment, created: true };
    // A concurrent attempt with the same key recorded first: keep one copy, its.
    await both(scope, id, (key) => storage.delete(key));
    const first = await store.get(scope, winner);
    if (!first) throw new ClientError('ATTACHMENT_NOT_FOUND');
    return { attachment: first.ref, created: false };
  }

  async function readAll(key: string): Promise<Buffer | null> {
    const stream = await storageStep(() => storage.get(key));
    if (!stream) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  return {
    limits: { imageBytesMax: settings.imageBytesMax, documentBytesMax: settings.documentBytesMax },

    /** Staff photos (issue 13 §3) in the same storage, through the same image processing. */
    staffPhotos: createStaffPhotos(storage, settings),

    /** Stores a file for a thread (or a clinic's answers); a retry with the same owner and key returns the first attachment (`created: false`). */
    async upload(upload: Upload): Promise<{ attachment: AttachmentRef; created: boolean }> {
      const field = `${upload.owner} ${upload.idempotencyKey}`;
      const earlier = await store.byIdempotencyKey(upload.scope, field);
      if (earlier) return { attachment: earlier.ref, created: false };
      const files = await storedFiles(upload.body, settings);
      return record(upload.scope, upload.owner, field, files, displayName(upload.name, files.mime));
    },

    /** The references of files of a scope (a message's, an answer's); ATTACHMENT_NOT_FOUND when one is not there. */
    async refs(scope: AttachmentScope, ids: readonly AttachmentId[] | undefined): Promise<AttachmentRef[] | undefined> {
      if (!ids?.length) return undefined;
      const refs = await store.refs(scope, ids);
      if (!refs) throw new ClientError('ATTACHMENT_NOT_FOUND');
      return refs;
    },

    /**
     * Copies a clinic's answer files into a thread as unsent uploads of `owner`, who then
     * sends them like their own (unsent copies are swept like any upload).
     */
    async copyIntoThread(clinicId: ClinicId, refs: readonly AttachmentRef[], threadId: ThreadId, owner: string): Promise<AttachmentRef[]> {
      const from: AttachmentScope = { answersOf: clinicId };
      const copies: AttachmentRef[] = [];
      for (const ref of refs) {
        const body = await readAll(fileKey(from, ref.id, 'original'));
        const thumb = ref.thumb ? await readAll(fileKey(from, ref.id, 'thumb')) : null;
        if (!body) throw new ClientError('ATTACHMENT_NOT_FOUND');
        const size = ref.width && ref.height ? { width: ref.width, height: ref.height } : {};
        const files: StoredFiles = { kind: ref.kind, mime: ref.mime, body, thumb, size };
        copies.push((await record({ threadId }, owner, `${owner} copy ${newEntityId()}`, files, ref.name)).attachment);
      }
      return copies;
    },

    /** A signed URL (absolute, from `base`) for a reader of the thread on `side`. */
    async signedUrl(threadId: ThreadId, id: AttachmentId, variant: AttachmentVariant, side: Side, base: string): Promise<AttachmentUrlResult> {
      const found = await store.get({ threadId }, id);
      if (!found || !mayView(found.state, side) || (variant === 'thumb' && !found.ref.thumb)) throw new ClientError('ATTACHMENT_NOT_FOUND');
      const expiresAt = now() + settings.urlTtlSeconds * 1000;
      return { url: base + signedPath(await signingSecret(), { threadId, id, variant, expiresAt }), expiresAt };
    },

    /** The file a signed URL names, or null for anything not exactly as issued or no longer there. */
    async open(id: AttachmentId, query: SignedFileQuery): Promise<{ ref: AttachmentRef; variant: AttachmentVariant; body: Readable } | null> {
      const variant = query.v ?? 'original';
      const file = { threadId: query.t, id, variant, expiresAt: Number(query.exp) };
      if (!verifySignature(await signingSecret(), file, query.sig, now())) return null;
      const found = await store.get({ threadId: query.t }, id);
      if (!found) return null;
      const body = await storageStep(() => storage.get(fileKey({ threadId: query.t }, id, variant)));
      return body && { ref: found.ref, variant, body };
    },

    /**
     * Erases every file of a thread and its records (a patient's erasure, issue 10): the
     * messages that named them then point at nothing, and their URLs are 404.
     */
    async eraseThread(threadId: ThreadId): Promise<number> {
      const ids = await store.forgetThread(threadId);
      for (const id of ids) await both({ threadId }, id, (key) => storage.delete(key));
      return ids.length;
    },

    /** One sweep pass now; returns how many uploads it removed (the relay's job runs one every ATTACHMENT_SWEEP_INTERVAL_SECONDS). */
    sweep: () => sweepUnsent(sweepDeps),

    close(): void {
      storage.close();
    },
  };
}

export type Attachments = ReturnType<typeof createAttachments>;
