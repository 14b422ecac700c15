/**
 * The server API for review sites and clinic back offices (issue 13 §1, R8, R11): a
 * private conversation with the author of a negative review, opened with a clinic API
 * key, and the signed webhooks that report on it. These schemas are the validation at the
 * edge and the OpenAPI description (`GET /api/openapi.json`) alike: TypeBox schemas are
 * JSON Schema.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CONTACT_LIMITS } from './contact.ts';
import { EntityIdSchema } from './ids.ts';
import { LIMITS } from './limits.ts';

import { REVIEW_RATING_MAX } from './review-limits.ts';

export { REVIEW_NEGATIVE_MAX, REVIEW_RATING_MAX } from './review-limits.ts';

/** `2024-05-01T10:00:00Z`, `2024-05-01T10:00:00.000+03:00` (no format plugin needed to check it). */
const ISO_DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$';

/** A review site's own ids: opaque, bounded, printable. */
export const ReviewIdSchema = Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7e]+$' });

export const ReviewConversationRequestSchema = Type.Object(
  {
    review: Type.Object(
      {
        id: ReviewIdSchema,
        url: Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2048 }),
        rating: Type.Integer({ minimum: 1, maximum: REVIEW_RATING_MAX }),
        /** Accepted so a caller can send its review as it has it; never stored, logged or sent. */
        text: Type.Optional(Type.String({ maxLength: 20_000 })),
        publishedAt: Type.Optional(Type.String({ pattern: ISO_DATE_TIME, maxLength: 64 })),
      },
      { additionalProperties: false },
    ),
    /** Where the invitation goes: the e-mail when given, else the phone. Neither: the answer carries the link. */
    contact: Type.Object(
      {
        email: Type.Optional(Type.String({ maxLength: CONTACT_LIMITS.emailMax })),
        phone: Type.Optional(Type.String({ maxLength: CONTACT_LIMITS.phoneInputMax })),
      },
      { additionalProperties: false },
    ),
    /** The clinic's first message, shown to the patient when they open the link. */
    message: Type.String({ maxLength: LIMITS.messageTextMax * 4 }),
  },
  { additionalProperties: false },
);
export type ReviewConversationRequest = Static<typeof ReviewConversationRequestSchema>;

export const REVIEW_CONVERSATION_STATUSES = ['open', 'solved-by-patient'] as const;
export type ReviewConversationStatus = (typeof REVIEW_CONVERSATION_STATUSES)[number];

export const ReviewConversationSchema = Type.Object({
  id: EntityIdSchema,
  threadId: EntityIdSchema,
  status: Type.Union(REVIEW_CONVERSATION_STATUSES.map((s) => Type.Literal(s))),
  review: Type.Object({ id: ReviewIdSchema, url: Type.String(), rating: Type.Integer() }),
  createdAt: Type.Number(),
  /** Only when the conversation was just created without a contact: the resume link to hand to the patient (one-time). */
  link: Type.Optional(Type.String()),
});
export type ReviewConversation = Static<typeof ReviewConversationSchema>;

export const ReviewConversationParamsSchema = Type.Object({ id: EntityIdSchema }, { additionalProperties: false });

/** Webhook event types: `review.solved` and `conversation.rated` come with the patient's button (issue 13 §1). */
export const WEBHOOK_EVENT_TYPES = ['review.conversation_started', 'review.solved', 'conversation.rated'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The body of every webhook POST. */
export const WebhookEventSchema = Type.Object({
  /** Unique per event: receivers de-duplicate retried deliveries by it. */
  id: EntityIdSchema,
  type: Type.Union(WEBHOOK_EVENT_TYPES.map((t) => Type.Literal(t))),
  data: Type.Object({
    review: Type.Object({ id: ReviewIdSchema }),
    conversationId: EntityIdSchema,
    threadId: EntityIdSchema,
    status: Type.Union(REVIEW_CONVERSATION_STATUSES.map((s) => Type.Literal(s))),
    /** `conversation.rated` only: the patient's 1–5 rating of the conversation (their comment stays in the clinic). */
    rating: Type.Optional(Type.Integer({ minimum: 1, maximum: REVIEW_RATING_MAX })),
  }),
  /** ISO 8601. */
  at: Type.String({ pattern: ISO_DATE_TIME }),
});
export type WebhookEvent = Static<typeof WebhookEventSchema>;

/** A clinic API key as the owner lists it: never the key itself, which is shown once. */
export const ApiKeySummarySchema = Type.Object({ keyId: EntityIdSchema, createdAt: Type.Number(), label: Type.Union([Type.String(), Type.Null()]) });

/** The owner names a key when making it in the console (e.g. the review site it is for). */
export const ApiKeyCreateSchema = Type.Object({ label: Type.String({ minLength: 1, maxLength: 80 }) }, { additionalProperties: false });

/** One delivery attempt in a clinic's webhook log (never the body). */
export const WebhookDeliverySchema = Type.Object({
  eventId: EntityIdSchema,
  type: Type.Union(WEBHOOK_EVENT_TYPES.map((t) => Type.Literal(t))),
  attempt: Type.Integer(),
  /** The receiver's HTTP status; null when it did not answer in time or at all. */
  status: Type.Union([Type.Integer(), Type.Null()]),
  outcome: Type.Union([Type.Literal('delivered'), Type.Literal('retrying'), Type.Literal('failed')]),
  at: Type.Number(),
});
export type WebhookDelivery = Static<typeof WebhookDeliverySchema>;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the clinic's webhook secret. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-ClinicChat-Signature';

export const REVIEW_API_PATHS = {
  conversations: '/api/v1/review-conversations',
  conversation: '/api/v1/review-conversations/:id',
  openapi: '/api/openapi.json',
} as const;
