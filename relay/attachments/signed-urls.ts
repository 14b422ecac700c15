/**
 * Short-lived download URLs: `/files/<attachment id>?t=<thread id>&v=<variant>&exp=<ms>&sig=…`,
 * the signature an HMAC-SHA256 over all of them with the relay's secret. Holding one is
 * the whole permission, so it is issued only to someone who may read the thread
 * (`attachment:url`) and dies in minutes; anything not exactly as issued is a 404.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AttachmentVariant } from '../../protocol/attachments.ts';
import type { AttachmentId, ThreadId } from '../../protocol/ids.ts';

export const FILES_PATH = '/files';

export interface SignedFile {
  threadId: ThreadId;
  id: AttachmentId;
  variant: AttachmentVariant;
  expiresAt: number;
}

function signature(secret: string, file: SignedFile): string {
  return createHmac('sha256', secret).update(`${file.threadId}/${file.id}/${file.variant}/${file.expiresAt}`).digest('base64url');
}

/** The path and query of a signed URL (prefix the relay's public URL). */
export function signedPath(secret: string, file: SignedFile): string {
  const query = new URLSearchParams({ t: file.threadId, ...(file.variant === 'thumb' ? { v: 'thumb' } : {}), exp: String(file.expiresAt) });
  query.set('sig', signature(secret, file));
  return `${FILES_PATH}/${file.id}?${query}`;
}

/** Whether `sig` is the signature of `file` and it has not expired at `now`. */
export function verifySignature(secret: string, file: SignedFile, sig: string, now: number): boolean {
  if (!(file.expiresAt > now)) return false;
  const expected = Buffer.from(signature(secret, file));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
