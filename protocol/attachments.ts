/**
 * Attachments (issue 9) on the wire: the reference a message carries, the upload's answer
 * and the signed-URL request. An attachment belongs to one thread; the upload returns its
 * id, and a message names ids in `attachments`. Plain limits are in attachment-limits.ts.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ATTACHMENT_LIMITS } from './attachment-limits.ts';
import { ID_PATTERNS, LIMITS } from './limits.ts';
import { ThreadIdSchema, type AttachmentId } from './ids.ts';

export const AttachmentIdSchema = Type.Unsafe<AttachmentId>(Type.String({ pattern: ID_PATTERNS.entityId }));

export const AttachmentKindSchema = Type.Union([Type.Literal('image'), Type.Literal('document')]);

/** What a stored message says of each file it carries. */
export const AttachmentRefSchema = Type.Object({
  id: AttachmentIdSchema,
  kind: AttachmentKindSchema,
  /** The stored file's type: image/jpeg, image/png, image/webp or application/pdf (HEIC arrives as JPEG). */
  mime: Type.String(),
  /** The uploader's file name, cut to `ATTACHMENT_LIMITS.nameMax`; shown, never trusted. */
  name: Type.String(),
  /** Bytes of the stored file (after re-encoding, for an image). */
  size: Type.Integer({ minimum: 0 }),
  width: Type.Optional(Type.Integer({ minimum: 1 })),
  height: Type.Optional(Type.Integer({ minimum: 1 })),
  /** A thumbnail exists (`variant: "thumb"`): images only. */
  thumb: Type.Optional(Type.Boolean()),
});
export type AttachmentRef = Static<typeof AttachmentRefSchema>;

/** Ids of uploads to attach to a message, in order: at most `ATTACHMENT_LIMITS.perMessage`, each once. */
export const AttachmentIdsSchema = Type.Array(AttachmentIdSchema, { maxItems: ATTACHMENT_LIMITS.perMessage, uniqueItems: true });

/** The answer to `POST /api/v1/attachments`: 201 for a new upload, 200 for a retry with the same key. */
export const AttachmentUploadResultSchema = Type.Object({ attachment: AttachmentRefSchema });
export type AttachmentUploadResult = Static<typeof AttachmentUploadResultSchema>;

/**
 * The upload's query string: `threadId` for a file of that thread, or `scope=answers` for
 * a file of the clinic's ready answers (owner and admins; copied into a thread by `answers:use`).
 */
export const AttachmentUploadQuerySchema = Type.Union([
  Type.Object({ threadId: ThreadIdSchema }, { additionalProperties: false }),
  Type.Object({ scope: Type.Literal('answers') }, { additionalProperties: false }),
]);

/** The upload's `Idempotency-Key`: like a client message id (a UUID fits). */
export const IdempotencyKeySchema = Type.String({ pattern: ID_PATTERNS.clientMessageId, minLength: LIMITS.clientIdMin, maxLength: LIMITS.clientIdMax });

export const AttachmentVariantSchema = Type.Union([Type.Literal('original'), Type.Literal('thumb')]);
export type AttachmentVariant = Static<typeof AttachmentVariantSchema>;

/** `attachment:url` (both namespaces): a short-lived signed URL to download one file of a thread. */
export const AttachmentUrlRequestSchema = Type.Object(
  {
    threadId: ThreadIdSchema,
    attachmentId: AttachmentIdSchema,
    /** `thumb` for an image's thumbnail; the file itself by default. */
    variant: Type.Optional(AttachmentVariantSchema),
  },
  { additionalProperties: false },
);
export type AttachmentUrlRequest = Static<typeof AttachmentUrlRequestSchema>;

export const AttachmentUrlResultSchema = Type.Object({
  /** Absolute: `GET` it without credentials until `expiresAt` (e.g. as an `<img src>`). */
  url: Type.String(),
  /** Milliseconds since epoch. */
  expiresAt: Type.Number(),
});
export type AttachmentUrlResult = Static<typeof AttachmentUrlResultSchema>;

/** The query of a signed download URL, as the relay checks it. */
export const SignedFileQuerySchema = Type.Object({
  t: ThreadIdSchema,
  v: Type.Optional(AttachmentVariantSchema),
  exp: Type.String({ pattern: '^[0-9]{1,16}$' }),
  sig: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }),
});
export type SignedFileQuery = Static<typeof SignedFileQuerySchema>;
