/**
 * A patient's rights over their data, exercised by the clinic's owner (issue 10 §5):
 * `GET /api/v1/patients/:id/export` (JSON, or `?format=html` for a readable transcript) and
 * `POST /api/v1/patients/:id/erase`. Both need the owner's session (and the erase the CSRF
 * guard's same-origin JSON); a patient of another clinic is NOT_FOUND. An export is
 * recorded in the access log; an erasure records only that it happened.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../protocol/http.ts';
import { VisitorIdSchema } from '../../protocol/ids.ts';
import { mayManageClinic } from '../../protocol/permissions.ts';
import { exportHtml, exportPatient } from '../privacy/patient-export.ts';
import type { PatientErasure } from '../privacy/patient-erasure.ts';
import type { Stores } from '../store/stores.ts';
import { refuse, signedInStaff } from './auth-routes.ts';

const ParamsSchema = Type.Object({ id: VisitorIdSchema });
const ExportQuerySchema = Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('html')])) }, { additionalProperties: false });

export async function patientDataRoutes(app: FastifyInstance, { stores, erasure }: { stores: Stores; erasure: PatientErasure }): Promise<void> {
  async function owner(request: Parameters<typeof signedInStaff>[1], reply: Parameters<typeof refuse>[0]) {
    const signedIn = await signedInStaff(stores, request);
    if (!signedIn) return void refuse(reply, 401, 'AUTH_REQUIRED');
    if (!mayManageClinic(signedIn.staff.role)) return void refuse(reply, 403, 'FORBIDDEN');
    return signedIn.staff;
  }

  app.get<{ Params: Static<typeof ParamsSchema>; Querystring: Static<typeof ExportQuerySchema> }>(
    `${API_PREFIX}/patients/:id/export`,
    { schema: { params: ParamsSchema, querystring: ExportQuerySchema } },
    async (request, reply) => {
      const staff = await owner(request, reply);
      if (!staff) return reply;
      const data = await exportPatient(stores, staff.clinicId, request.params.id);
      if (!data) return refuse(reply, 404, 'NOT_FOUND');
      await stores.accessLog.record(staff.clinicId, { action: 'export', staffId: staff.id, visitorId: request.params.id });
      const html = request.query.format === 'html';
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="patient-${request.params.id}.${html ? 'html' : 'json'}"`)
        .type(html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8')
        .send(html ? exportHtml(data) : JSON.stringify(data));
    },
  );

  app.post<{ Params: Static<typeof ParamsSchema> }>(`${API_PREFIX}/patients/:id/erase`, { schema: { params: ParamsSchema } }, async (request, reply) => {
    const staff = await owner(request, reply);
    if (!staff) return reply;
    if (!(await erasure.erasePatient(staff.clinicId, request.params.id, staff.id))) return refuse(reply, 404, 'NOT_FOUND');
    return reply.code(204).send();
  });
}
