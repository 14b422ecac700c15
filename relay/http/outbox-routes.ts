/**
 * `GET /api/v1/outbox`: what the local mail catcher caught (newest first), for the
 * clinic owner's console page `/console/#/outbox`. Registered only while the catcher
 * runs, so a relay with real SMTP answers 404 NO_ROUTE. Caught items are shared by every
 * clinic on the relay: the catcher is for demos and development, never production.
 */
import type { FastifyInstance } from 'fastify';
import { API_PREFIX, OutboxSchema, type Outbox } from '../../protocol/http.ts';
import { mayManageClinic } from '../../protocol/permissions.ts';
import type { MailCatcher } from '../notify/mail-catcher.ts';
import type { Stores } from '../store/stores.ts';
import { refuse, signedInStaff } from './auth-routes.ts';

export async function outboxRoutes(app: FastifyInstance, { stores, catcher }: { stores: Stores; catcher: MailCatcher }): Promise<void> {
  app.get(`${API_PREFIX}/outbox`, { schema: { response: { 200: OutboxSchema } } }, async (request, reply) => {
    const signedIn = await signedInStaff(stores, request);
    if (!signedIn) return refuse(reply, 401, 'AUTH_REQUIRED');
    if (!mayManageClinic(signedIn.staff.role)) return refuse(reply, 403, 'FORBIDDEN');
    const items = await catcher.listCaught();
    const outbox: Outbox = {
      items: items.map((item) => ({
        channel: item.channel,
        to: item.to.join(', '),
        subject: item.channel === 'email' ? item.subject : null,
        text: item.text,
        at: item.at,
      })),
    };
    return reply.header('cache-control', 'no-store').send(outbox);
  });
}
