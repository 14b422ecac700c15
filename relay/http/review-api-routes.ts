/**
 * The server API (issue 13 §1): routes a review site or the clinic's back office calls
 * with a clinic API key, `Authorization: Bearer <key>`. Not a browser API: no cookies, no
 * CSRF check (a bearer key is never sent by a browser on its own), its own rate limit.
 * A missing, unknown or revoked key is `401 API_KEY_INVALID` before the body is read.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import { ReviewConversationParamsSchema, type ReviewConversation } from '../../protocol/review-api.ts';
import { ClientError } from '../errors.ts';
import { parsePayload } from '../payload-check.ts';
import type { ReviewConversations } from '../reviews/review-conversations.ts';
import type { Clinic } from '../store/clinic-store.ts';
import type { Stores } from '../store/stores.ts';

/** Requests per client address per minute: a review site opens a few conversations at a time. */
const SERVER_API_REQUESTS_PER_MINUTE = 120;

interface ServerApiDeps {
  stores: Stores;
  reviews: ReviewConversations;
}

/** `Authorization: Bearer <key>`: the server API's and the reports route's key. */
export const BEARER = /^Bearer ([\x21-\x7e]+)$/;

async function authenticate(stores: Stores, request: FastifyRequest): Promise<Clinic> {
  const key = BEARER.exec(request.headers.authorization ?? '')?.[1];
  const owner = key ? await stores.apiKeys.resolve(key) : null;
  const clinic = owner && (await stores.clinics.get(owner.clinicId));
  if (!clinic) throw new ClientError('API_KEY_INVALID');
  return clinic;
}

export async function reviewApiRoutes(app: FastifyInstance, { stores, reviews }: ServerApiDeps): Promise<void> {
  await app.register(fastifyRateLimit, { max: SERVER_API_REQUESTS_PER_MINUTE, timeWindow: '1 minute' });

  app.post('/api/v1/review-conversations', async (request, reply): Promise<ReviewConversation> => {
    const clinic = await authenticate(stores, request);
    const { created, conversation } = await reviews.open(clinic, request.body);
    reply.code(created ? 201 : 200).header('cache-control', 'no-store');
    return conversation;
  });

  app.get('/api/v1/review-conversations/:id', async (request, reply): Promise<ReviewConversation> => {
    const clinic = await authenticate(stores, request);
    const { id } = parsePayload(ReviewConversationParamsSchema, request.params);
    reply.header('cache-control', 'no-store');
    return reviews.get(clinic.id, id);
  });
}
