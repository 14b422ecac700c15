/**
 * Attachments (issue 9) as plain values every side shares: what may be attached and how
 * much, and where uploads go. No runtime dependencies, so the widget and console import
 * them at runtime; the schemas are in attachments.ts.
 */
import { API_PREFIX } from './constants.ts';

/** Defaults of the relay's settings; a relay may lower or raise the sizes (ATTACHMENT_*_MAX_MB). */
export const ATTACHMENT_LIMITS = {
  /** Files one message may carry. */
  perMessage: 5,
  /** Bytes of an image as uploaded, before the relay re-encodes it. */
  imageBytesMax: 15 * 1024 * 1024,
  /** Bytes of a document (PDF), stored as uploaded. */
  documentBytesMax: 20 * 1024 * 1024,
  /** Longest side of a stored image, in pixels. */
  imageSideMax: 2560,
  /** Longest side of an image's thumbnail, in pixels. */
  thumbSideMax: 320,
  /** Characters of a file name kept (the rest is cut). */
  nameMax: 120,
} as const;

/**
 * The types the relay accepts, decided from the file's content (never its name or
 * Content-Type). HEIC/HEIF photos are converted to JPEG.
 */
export const ATTACHMENT_TYPES = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'image/heic': 'image',
  'image/heif': 'image',
  'application/pdf': 'document',
} as const;
export type AcceptedMime = keyof typeof ATTACHMENT_TYPES;
export type AttachmentKind = (typeof ATTACHMENT_TYPES)[AcceptedMime];

/** For a file input's `accept`: a hint to the picker only; the relay decides from the content. */
export const ATTACHMENT_ACCEPT = [...Object.keys(ATTACHMENT_TYPES), '.heic', '.heif'].join(',');

/** `POST` the raw file here with `?threadId=…` (see protocol/README.md, "Attachments"). */
export const ATTACHMENT_UPLOAD_PATH = `${API_PREFIX}/attachments`;
/** Header naming one upload: a retry with the same key gets the same attachment. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Header carrying the file's name (URI-encoded), since the body is the raw file. */
export const FILE_NAME_HEADER = 'X-File-Name';
