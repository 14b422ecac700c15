/**
 * What an uploaded file is, from its content alone (magic bytes via `file-type`): the
 * name and Content-Type a browser sends are never asked. Anything not in
 * ATTACHMENT_TYPES (SVG, HTML, scripts, archives, unknown bytes) is ATTACHMENT_TYPE.
 */
import { fileTypeFromBuffer } from 'file-type';
import { ATTACHMENT_LIMITS, ATTACHMENT_TYPES, type AcceptedMime, type AttachmentKind } from '../../protocol/attachment-limits.ts';
import { ClientError } from '../errors.ts';

export interface Detected {
  mime: AcceptedMime;
  kind: AttachmentKind;
}

export async function detectKind(body: Buffer): Promise<Detected> {
  const found = await fileTypeFromBuffer(body);
  const mime = found?.mime;
  if (!mime || !Object.hasOwn(ATTACHMENT_TYPES, mime)) throw new ClientError('ATTACHMENT_TYPE');
  return { mime: mime as AcceptedMime, kind: ATTACHMENT_TYPES[mime as AcceptedMime] };
}

/** Refuses a file over its kind's limit (the relay's settings), naming the limit. */
export function checkSize(kind: AttachmentKind, bytes: number, limits: { imageBytesMax: number; documentBytesMax: number }): void {
  const max = kind === 'image' ? limits.imageBytesMax : limits.documentBytesMax;
  if (bytes > max) throw new ClientError('ATTACHMENT_TOO_LARGE', { max, size: bytes });
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' };

/**
 * A name safe to show and to put in Content-Disposition: no path, no control or quote
 * characters, cut to the limit, and ending in the stored type's extension (a PNG named
 * `x.pdf` is shown as `x.png`).
 */
export function displayName(raw: string | undefined, storedMime: string): string {
  const extension = EXTENSIONS[storedMime] ?? 'bin';
  let decoded = raw ?? '';
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // Not URI-encoded: used as it came.
  }
  const base = decoded
    .split(/[\\/]/)
    .at(-1)!
    .replace(/[\p{Cc}\p{Cf}"<>|*?:]/gu, '')
    .replace(/\.[^.]*$/, '')
    .trim()
    .slice(0, ATTACHMENT_LIMITS.nameMax - extension.length - 1);
  return `${base || (storedMime === 'application/pdf' ? 'document' : 'image')}.${extension}`;
}
