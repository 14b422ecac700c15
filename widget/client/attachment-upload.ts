/**
 * One file's upload to the relay (`POST /api/v1/attachments?threadId=…`, the raw file as
 * the body): XMLHttpRequest rather than fetch, because only it reports upload progress
 * in every browser. A retry with the same idempotency key gets the same attachment, so a
 * patient pressing Retry after a lost answer never stores the file twice. Shared by the
 * widget's attach chunk and the console, like client-core.ts.
 */
import { ATTACHMENT_UPLOAD_PATH, FILE_NAME_HEADER, IDEMPOTENCY_KEY_HEADER } from '../../protocol/attachment-limits.ts';
import type { AttachmentRef } from '../../protocol/attachments.ts';
import type { ProtocolError } from '../../protocol/errors.ts';
import type { ThreadId } from '../../protocol/stream-ids.ts';
import { ClientError } from './client-core.ts';

/**
 * Where a file goes: the relay, and a thread (who uploads: a patient's token; staff send
 * their session cookie) or the clinic's ready answers (owner and administrators).
 */
export type UploadTarget = { relay: string } & ({ threadId: ThreadId; token?: string } | { scope: 'answers' });

export interface UploadOptions {
  /** Names this upload; the same key on a retry. */
  key: string;
  /** Called with the share sent so far, 0 to 1. */
  progress?: (sent: number) => void;
  /** Aborting cancels the upload (the promise rejects with an AbortError). */
  signal?: AbortSignal;
}

/** Uploads `file`; resolves with the stored file's reference, rejects with a ClientError carrying the relay's code. */
export function uploadFile(target: UploadTarget, file: File, { key, progress, signal }: UploadOptions): Promise<AttachmentRef> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = 'scope' in target ? `scope=${target.scope}` : `threadId=${encodeURIComponent(target.threadId)}`;
    xhr.open('POST', `${new URL(ATTACHMENT_UPLOAD_PATH, target.relay).href}?${query}`);
    xhr.setRequestHeader(IDEMPOTENCY_KEY_HEADER, key);
    xhr.setRequestHeader(FILE_NAME_HEADER, encodeURIComponent(file.name));
    if ('token' in target && target.token) xhr.setRequestHeader('Authorization', `Bearer ${target.token}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => progress?.(event.lengthComputable ? event.loaded / event.total : 0);
    xhr.onload = () => {
      const body = xhr.response as { attachment?: AttachmentRef } & Partial<ProtocolError>;
      if (xhr.status < 300 && body?.attachment) resolve(body.attachment);
      else reject(new ClientError(body?.code ?? 'INTERNAL', body?.message ?? `The upload failed (HTTP ${xhr.status}).`, { data: body?.data }));
    };
    xhr.onerror = () => reject(new ClientError('OFFLINE', 'The upload could not reach the relay.'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
