/**
 * A clinic's server-API integration: API keys and the webhook (issue 13 §1). One service
 * for the CLI now and the owner's console later, so both refuse the same input.
 */
import type { ClinicId } from '../../protocol/ids.ts';
import { ClientError } from '../errors.ts';
import type { Stores } from '../store/stores.ts';

/** Plain http is for a receiver on the same machine (development, tests). */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/** The URL as stored, or WEBHOOK_URL_INVALID: https, or http to localhost/127.0.0.1 only. */
export function checkWebhookUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ClientError('WEBHOOK_URL_INVALID', { path: '/url', reason: 'not a URL' });
  }
  const allowed = url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
  if (!allowed || url.username || url.password) throw new ClientError('WEBHOOK_URL_INVALID', { path: '/url', reason: 'https only (http for localhost)' });
  return url.href;
}

export function createIntegrationAdmin(stores: Pick<Stores, 'apiKeys' | 'webhooks'>) {
  return {
    createApiKey: (clinicId: ClinicId, label?: string) => stores.apiKeys.create(clinicId, label),
    listApiKeys: (clinicId: ClinicId) => stores.apiKeys.list(clinicId),
    async revokeApiKey(clinicId: ClinicId, keyId: string): Promise<void> {
      if (!(await stores.apiKeys.revoke(clinicId, keyId))) throw new ClientError('NOT_FOUND', { path: '/keyId' });
    },
    /** Sets the webhook URL with a fresh signing secret, returned once. */
    setWebhook: (clinicId: ClinicId, url: string) => stores.webhooks.set(clinicId, checkWebhookUrl(url)),
  };
}

export type IntegrationAdmin = ReturnType<typeof createIntegrationAdmin>;
