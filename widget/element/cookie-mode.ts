/**
 * `credential="cookie"`: the element's client in cookie mode (client/cookie-credential.ts),
 * whose code is fetched at the first connection that needs a token, so that pages without
 * the attribute never download it (widget/bundle-size.test.ts). A chunk that fails to load
 * is an OFFLINE refusal, which the client retries with backoff, fetching it again.
 */
import type { VisitorCredential } from '../client/client-types.ts';
import { loadCookieCredential } from './load-cookie-credential.ts';

export function lazyCookieCredential(relay: string, siteKey: string): () => Promise<VisitorCredential> {
  let source: Promise<() => Promise<VisitorCredential>> | null = null;
  return async () => {
    source ??= loadCookieCredential().then((make) => make(relay, siteKey));
    const get = await source.catch(() => {
      source = null;
      throw Object.assign(new Error('OFFLINE'), { data: { code: 'OFFLINE' } });
    });
    return get();
  };
}
