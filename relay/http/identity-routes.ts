/**
 * `GET /api/v1/clinic/identity-secret`: the owner reads the clinic's key for signed
 * identity, to configure the clinic's own server (which signs patient ids with it).
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { API_PREFIX } from '../../protocol/http.ts';
import { mayManageClinic } from '../../protocol/permissions.ts';
import type { Stores } from '../store/stores.ts';
import { refuse, signedInStaff } from './auth-routes.ts';

const SecretSchema = Type.Object({ secret: Type.String() });

export async function identityRoutes(app: FastifyInstance, { stores }: { stores: Stores }): Promise<void> {
  app.get(`${API_PREFIX}/clinic/identity-secret`, { schema: { response: { 200: SecretSchema } } }, async (request, reply) => {
    const signedIn = await signedInStaff(stores, request);
    if (!signedIn) return refuse(reply, 401, 'AUTH_REQUIRED');
    if (!mayManageClinic(signedIn.staff.role)) return refuse(reply, 403, 'FORBIDDEN');
    return reply.header('cache-control', 'no-store').send({ secret: await stores.identity.secret(signedIn.staff.clinicId) });
  });
}
