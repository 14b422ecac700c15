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
import { attachmentRoutes } from './attachment-routes.ts';
import type { Attachments } from '../attachments/attachments.ts';
import { ATTACHMENT_UPLOAD_PATH } from '../../protocol/attachment-limits.ts';
import { FILES_PATH } from '../attachments/signed-urls.ts';
import { STAFF_PHOTO_PATH } from '../../protocol/people-limits.ts';
import type { Registry } from 'prom-client';
import { metricsRoute } from '../metrics/metrics-route.ts';
import { reportRoutes } from './report-routes.ts';
import type { ReportReader } from '../reports/report-reader.ts';
import { siteCheckRoute } from './site-check-route.ts';
import { staffPhotoRoutes } from './staff-photo-routes.ts';
import { visitorCredentialRoute } from './visitor-credential-route.ts';

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
  /** Uploads and signed downloads (issue 9). */
  attachments: Attachments;
  /** The head's report (issue 13 §4): `GET /api/v1/reports`. */
  reports: ReportReader;
  /** Erases a patient's data (the owner's `POST /api/v1/patients/:id/erase`). */
  erasure: PatientErasure;
  publicUrl(): string;
  /** `GET /metrics` serves this registry (behind METRICS_TOKEN when set). */
  metrics: Registry;
  /** True while a Redis outage is in progress (and logged once already). */
  redisDown?: () => boolean;
}

/**
 * The bare Fastify instance: Socket.IO attaches to its server before routes are added.
 * Its close ends every connection once the relay's preClose has let requests under way
 * finish (http/request-drain.ts): Node's own close leaves some open until the client leaves.
 */
export function createHttpApp(config: Readonly<RelayConfig>, log: Logger): FastifyInstance {
  return Fastify({
    loggerInstance: log as FastifyBaseLogger,
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    forceCloseConnections: true,
  });
}

export async function registerHttpRoutes(
  app: FastifyInstance,
  { config, redis, stores, staffNamespace, catcher, resumeLinks, reviews, reports, attachments, erasure, publicUrl, metrics, redisDown }: HttpDeps,
): Promise<void> {
  installErrorHandler(app);
  await securityHeaders(app, {
    consoleStyles: inlineStyleHashes(consoleIndexHtml()),
    hostedStyles: inlineStyleHashes(HOSTED_PAGE_STYLE),
    publicOrigin: config.publicUrl && new URL(config.publicUrl).origin,
  });
  await app.register(fastifyCookie);
  // Only the widget's files, the widget's uploads (a bearer token, no cookies) and signed
  // files are for other origins; the rest of the API and the console are same-origin.
  const crossOrigin = (url: string) =>
    url.startsWith('/widget') || url.startsWith(ATTACHMENT_UPLOAD_PATH) || url.startsWith(`${FILES_PATH}/`) || url.startsWith(`${STAFF_PHOTO_PATH}/`);
  await app.register(fastifyCors, {
    delegator: (request, callback) => callback(null, { origin: crossOrigin(request.url ?? '') ? '*' : false }),
  });
  await app.register(healthRoutes, { redis, outageLogged: redisDown });
  await app.register(metricsRoute, { registry: metrics, token: config.metricsToken });
  await app.register(async (api) => {
    await api.register(fastifyRateLimit, { max: API_REQUESTS_PER_MINUTE, timeWindow: '1 minute' });
    api.addHook('onRequest', createCsrfGuard(config.publicUrl));
    const throttle = createLoginThrottle(redis, config.loginAttempts, config.loginWindowSeconds);
    await authRoutes(api, { stores, throttle, staffNamespace, outbox: catcher !== null, publicUrl: config.publicUrl });
    if (catcher) await outboxRoutes(api, { stores, catcher });
    await accessLogRoutes(api, { stores });
    await twoFactorRoutes(api, { stores });
    await identityRoutes(api, { stores });
    await patientDataRoutes(api, { stores, erasure });
  });
  await app.register(reviewApiRoutes, { stores, reviews });
  await app.register(attachmentRoutes, { stores, attachments, publicUrl: config.publicUrl });
  await app.register(staffPhotoRoutes, { stores, attachments, publicUrl: config.publicUrl });
  await app.register(reportRoutes, { stores, reports });
  await app.register(openApiRoutes);
  await app.register(resumeRoutes, { stores, resumeLinks, publicUrl });
  await app.register(siteCheckRoute, { stores, publicUrl });
  await app.register(visitorCredentialRoute, { stores, publicUrl: config.publicUrl, relayUrl: publicUrl });
  await app.register(staticRoutes, { sourceMaps: config.sourceMaps, demoSite: config.seedDemo });
}
