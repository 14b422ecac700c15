/**
 * Setting up a staff member's second factor from their console session:
 * `POST /api/v1/auth/2fa/setup` gives a pending TOTP secret, `POST /api/v1/auth/2fa/enable`
 * turns it on with a first code and answers the recovery codes, once.
 */
import type { FastifyInstance } from 'fastify';
import { API_PREFIX, RecoveryCodesSchema, TwoFactorEnableBodySchema, TwoFactorSetupSchema, type TwoFactorEnableBody } from '../../protocol/http.ts';
import type { Stores } from '../store/stores.ts';
import { refuse, signedInStaff } from './auth-routes.ts';

export async function twoFactorRoutes(app: FastifyInstance, { stores }: { stores: Stores }): Promise<void> {
  app.post(`${API_PREFIX}/auth/2fa/setup`, { schema: { response: { 200: TwoFactorSetupSchema } } }, async (request, reply) => {
    const signedIn = await signedInStaff(stores, request);
    if (!signedIn) return refuse(reply, 401, 'AUTH_REQUIRED');
    return reply.header('cache-control', 'no-store').send(await stores.twoFactor.begin(signedIn.staff.id, signedIn.staff.email));
  });

  app.post<{ Body: TwoFactorEnableBody }>(
    `${API_PREFIX}/auth/2fa/enable`,
    { schema: { body: TwoFactorEnableBodySchema, response: { 200: RecoveryCodesSchema } } },
    async (request, reply) => {
      const signedIn = await signedInStaff(stores, request);
      if (!signedIn) return refuse(reply, 401, 'AUTH_REQUIRED');
      const recoveryCodes = await stores.twoFactor.enable(signedIn.staff.id, request.body.code);
      if (!recoveryCodes) return refuse(reply, 401, 'AUTH_FAILED');
      return reply.header('cache-control', 'no-store').send({ recoveryCodes });
    },
  );
}
