/**
 * `GET /api/v1/access-log`: the clinic's access log for its owner and head, filtered and
 * paged, as JSON for the console's viewer or as CSV (`format=csv`) to keep elsewhere.
 */
import type { FastifyInstance } from 'fastify';
import { AccessLogPageSchema, AccessLogQuerySchema, type AccessEntry, type AccessLogQuery } from '../../protocol/access-log.ts';
import { API_PREFIX } from '../../protocol/http.ts';
import { mayReadAccessLog } from '../../protocol/permissions.ts';
import type { Stores } from '../store/stores.ts';
import { refuse, signedInStaff } from './auth-routes.ts';

const CSV_COLUMNS = ['id', 'at', 'action', 'staffId', 'visitorId', 'threadId', 'erased'] as const;

/** Every value is an id, a code, a number or a boolean: quoting is for safety, not need. */
const csvCell = (value: string | number | boolean | null) => `"${String(value ?? '').replaceAll('"', '""')}"`;

export function accessLogCsv(entries: readonly AccessEntry[]): string {
  const rows = entries.map((entry) => CSV_COLUMNS.map((column) => csvCell(column === 'at' ? new Date(entry.at).toISOString() : entry[column])).join(','));
  return `${CSV_COLUMNS.join(',')}\r\n${rows.map((row) => `${row}\r\n`).join('')}`;
}

export async function accessLogRoutes(app: FastifyInstance, { stores }: { stores: Stores }): Promise<void> {
  app.get<{ Querystring: AccessLogQuery }>(
    `${API_PREFIX}/access-log`,
    { schema: { querystring: AccessLogQuerySchema, response: { 200: AccessLogPageSchema } } },
    async (request, reply) => {
      const signedIn = await signedInStaff(stores, request);
      if (!signedIn) return refuse(reply, 401, 'AUTH_REQUIRED');
      if (!mayReadAccessLog(signedIn.staff.role)) return refuse(reply, 403, 'FORBIDDEN');
      const { format, ...query } = request.query;
      const page = await stores.accessLog.list(signedIn.staff.clinicId, query);
      void reply.header('cache-control', 'no-store');
      if (format !== 'csv') return reply.send(page);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="access-log.csv"')
        .serializer((body: string) => body)
        .send(accessLogCsv(page.entries));
    },
  );
}
