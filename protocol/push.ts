/** The schemas of Web Push for staff (issue 12 §1, §4): the relay's VAPID key and a browser's subscription. */
import { Type, type Static } from '@sinclair/typebox';
import { LIMITS } from './limits.ts';

/** Base64url, as browsers give `p256dh` and `auth`. */
const Base64Url = (max: number) => Type.String({ pattern: '^[A-Za-z0-9_-]+={0,2}$', minLength: 8, maxLength: max });

/** A push service URL: https, plain http only to this machine (tests, a local push service). */
export const PUSH_ENDPOINT_PATTERN = '^(https://[^\\s]+|http://(127\\.0\\.0\\.1|localhost)(:[0-9]+)?/[^\\s]*)$';

export const PushSubscriptionSchema = Type.Object(
  {
    endpoint: Type.String({ pattern: PUSH_ENDPOINT_PATTERN, maxLength: LIMITS.pageUrlMax }),
    keys: Type.Object({ p256dh: Base64Url(200), auth: Base64Url(64) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type PushSubscriptionBody = Static<typeof PushSubscriptionSchema>;

export const PushUnsubscribeSchema = Type.Object({ endpoint: PushSubscriptionSchema.properties.endpoint }, { additionalProperties: false });

/** What a push carries: the thread and its pseudonym, never a patient's words, name or contact. */
export const PushPayloadSchema = Type.Object({ threadId: Type.String(), title: Type.String() });
export type PushPayload = Static<typeof PushPayloadSchema>;
