/**
 * The console's side of the server API (issue 13 §1): the complaints manager (and the
 * owner) start a conversation about a review with the same service the API uses — the
 * thread is assigned to them — and the owner reads the webhook delivery log and replays
 * an event, and manages the clinic's API keys and webhook URL; the head and owner read
 * the quality report.
 */
import { mayManageClinic, mayReadReports, mayStartReviews } from '../../../protocol/permissions.ts';
import { ClientError } from '../../errors.ts';
import type { StaffRoutes } from './staff-routes.ts';

type ReviewToolEvent =
  | 'reviews:start'
  | 'webhooks:deliveries'
  | 'webhooks:replay'
  | 'reports:get'
  | 'integration:keys'
  | 'integration:key-create'
  | 'integration:key-revoke'
  | 'webhooks:set';

export const reviewToolRoutes: Pick<StaffRoutes, ReviewToolEvent> = {
  'reviews:start': {
    access: null,
    allow: mayStartReviews,
    async handle({ services, staff, me }, request) {
      const clinic = await services.stores.clinics.get(staff.clinicId);
      if (!clinic) throw new ClientError('NOT_FOUND');
      return services.reviews.open(clinic, request, me);
    },
  },

  'webhooks:deliveries': {
    access: null,
    allow: mayManageClinic,
    async handle({ services, staff }) {
      const [webhook, deliveries] = await Promise.all([services.stores.webhooks.get(staff.clinicId), services.stores.webhooks.deliveries(staff.clinicId)]);
      return { url: webhook?.url ?? null, deliveries };
    },
  },

  'webhooks:replay': {
    access: null,
    allow: mayManageClinic,
    async handle({ services, staff }, { eventId }) {
      if (!(await services.webhookQueue.replay(staff.clinicId, eventId))) throw new ClientError('NOT_FOUND');
      return {};
    },
  },

  // The head's report (issue 13 §4), as GET /api/v1/reports answers it.
  'reports:get': {
    access: null,
    allow: mayReadReports,
    handle: ({ services, staff }, query) => services.reports.read(staff.clinicId, query),
  },

  // The owner's API keys and webhook URL, as the CLI manages them (admin/integration-admin.ts).
  'integration:keys': {
    access: null,
    allow: mayManageClinic,
    async handle({ services, staff }) {
      return { keys: await services.integration.listApiKeys(staff.clinicId) };
    },
  },

  'integration:key-create': {
    access: null,
    allow: mayManageClinic,
    handle: ({ services, staff }, { label }) => services.integration.createApiKey(staff.clinicId, label.trim() || undefined),
  },

  'integration:key-revoke': {
    access: null,
    allow: mayManageClinic,
    async handle({ services, staff }, { keyId }) {
      await services.integration.revokeApiKey(staff.clinicId, keyId);
      return {};
    },
  },

  'webhooks:set': {
    access: null,
    allow: mayManageClinic,
    async handle({ services, staff }, { url }) {
      return { secret: await services.integration.setWebhook(staff.clinicId, url) };
    },
  },
};
