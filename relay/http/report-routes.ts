/**
 * `GET /api/v1/reports?from=&to=` (issue 13 §4): the head's report as JSON, the same
 * figures as the console's Reports view. For the clinic's owner or head signed in to the
 * console (session cookie), or a back office with the clinic's API key.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import type { ClinicId } from '../../protocol/ids.ts';
import { mayReadReports } from '../../protocol/permissions.ts';
import { REPORTS_PATH, ReportQuerySchema, type Report } from '../../protocol/reports.ts';
import { ClientError } from '../errors.ts';
import { parsePayload } from '../payload-check.ts';
import type { ReportReader } from '../reports/report-reader.ts';
import type { Stores } from '../store/stores.ts';
import { signedInStaff } from './auth-routes.ts';
import { BEARER } from './review-api-routes.ts';

/** Reports per client address per minute: each reads up to a year of figures. */
const REPORTS_PER_MINUTE = 60;

async function reportClinic(stores: Stores, request: FastifyRequest): Promise<ClinicId> {
  const key = BEARER.exec(request.headers.authorization ?? '')?.[1];
  if (key) {
    const owner = await stores.apiKeys.resolve(key);
    if (!owner) throw new ClientError('API_KEY_INVALID');
    return owner.clinicId;
  }
  const signedIn = await signedInStaff(stores, request);
  if (!signedIn) throw new ClientError('AUTH_REQUIRED');
  if (!mayReadReports(signedIn.staff.role)) throw new ClientError('FORBIDDEN');
  return signedIn.staff.clinicId;
}

export async function reportRoutes(app: FastifyInstance, { stores, reports }: { stores: Stores; reports: ReportReader }): Promise<void> {
  await app.register(fastifyRateLimit, { max: REPORTS_PER_MINUTE, timeWindow: '1 minute' });
  app.get(REPORTS_PATH, async (request, reply): Promise<Report> => {
    const clinicId = await reportClinic(stores, request);
    const query = parsePayload(ReportQuerySchema, request.query);
    reply.header('cache-control', 'no-store');
    return reports.read(clinicId, query);
  });
}
