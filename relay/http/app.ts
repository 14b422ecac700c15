import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import type { Logger } from 'pino';
import type { RelayConfig } from '../config.ts';
import type { RelayRedis } from '../store/redis-client.ts';
import type { Stores } from '../store/stores.ts';
import type { StaffNamespace } from '../realtime/namespaces.ts';
import { authRoutes } from './auth-routes.ts';
import { createCsrfGuard } from './csrf-guard.ts';
import { accessLogRoutes } from './access-log-routes.ts';
import { twoFactorRoutes } from './two-factor-routes.ts';
import { identityRoutes } from './identity-routes.ts';
import { patientDataRoutes } from './patient-data-routes.ts';
import type { PatientErasure } from '../privacy/patient-erasure.ts';
import { installErrorHandler } from './error-handler.ts';
import { healthRoutes } from './health-routes.ts';
import { createLoginThrottle } from './login-throttle.ts';
import { consoleIndexHtml, staticRoutes } from './static-routes.ts';
import { outboxRoutes } from './outbox-routes.ts';
import { HOSTED_PAGE_STYLE, resumeRoutes } from './resume-routes.ts';
import { inlineStyleHashes, securityHeaders } from './security-headers.ts';
import type { MailCatcher } from '../notify/mail-catcher.ts';
import type { ResumeLinks } from '../notify/resume-links.ts';
import type { ReviewConversations } from '../reviews/review-conversations.ts';
import { openApiRoutes } from './openapi-routes.ts';
import { reviewApiRoutes } from './review-api-routes.ts';

/** JSON bodies are small: a login is under 1 KB. */
const BODY_LIMIT_BYTES = 16 * 1024;
/** API requests per IP per minute, beyond the login throttle. */
const API_REQUESTS_PER_MINUTE = 300;

export interface HttpDeps {
  config: Readonly<RelayConfig>;
  redis: RelayRedis;
  stores: Stores;
  staffNamespace: StaffNamespace;
  /** The local mail catcher, if this relay runs one: then `GET /api/v1/outbox` exists. */
  catcher: MailCatcher | null;
  resumeLinks: ResumeLinks;
  /** The server API's review conversations (API-key routes, outside the console's CSRF scope). */
  reviews: ReviewConversations;
  /** Erases a patient's data (the owner's `POST /api/v1/patients/:id/erase`). */
  erasure: PatientErasure;
  publicUrl(): string;
}

/** The bare Fastify instance: Socket.IO attaches to its server before routes are added. */
export function createHttpApp(config: Readonly<RelayConfig>, log: Logger): FastifyInstance {
  return Fastify({ loggerInstance: log as FastifyBaseLogger, trustProxy: config.trustProxy, bodyLimit: BODY_LIMIT_BYTES });
}

export async function registerHttpRoutes(
  app: FastifyInstance,
  { config, redis, stores, staffNamespace, catcher, resumeLinks, reviews, erasure, publicUrl }: HttpDeps,
): Promise<void> {
  installErrorHandler(app);
  await securityHeaders(app, {
    consoleStyles: inlineStyleHashes(consoleIndexHtml()),
    hostedStyles: inlineStyleHashes(HOSTED_PAGE_STYLE),
    publicOrigin: config.publicUrl && new URL(config.publicUrl).origin,
  });
  await app.register(fastifyCookie);
  // Only the widget's files are for other origins; the API and console are same-origin.
  await app.register(fastifyCors, {
    delegator: (request, callback) => callback(null, { origin: (request.url ?? '').startsWith('/widget') ? '*' : false }),
  });
  await app.register(healthRoutes, { redis });
  await app.register(async (api) => {
    await api.register(fastifyRateLimit, { max: API_REQUESTS_PER_MINUTE, timeWindow: '1 minute' });
    api.addHook('onRequest', createCsrfGuard(config.publicUrl));
    const throttle = createLoginThrottle(redis, config.loginAttempts, config.loginWindowSeconds);
    await authRoutes(api, { stores, throttle, staffNamespace, outbox: catcher !== null });
    if (catcher) await outboxRoutes(api, { stores, catcher });
    await accessLogRoutes(api, { stores });
    await twoFactorRoutes(api, { stores });
    await identityRoutes(api, { stores });
    await patientDataRoutes(api, { stores, erasure });
  });
  await app.register(reviewApiRoutes, { stores, reviews });
  await app.register(openApiRoutes);
  await app.register(resumeRoutes, { stores, resumeLinks, publicUrl });
  await app.register(staticRoutes, { sourceMaps: config.sourceMaps });
}
