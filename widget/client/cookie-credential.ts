/**
 * Cookie mode of the visitor token for a headless client (`clinic-chat/client`), on a relay
 * served over https: the relay keeps the patient's long-lived token in a partitioned
 * HttpOnly cookie (CHIPS) that no script of the clinic's site can read, and answers
 * `POST /visitor/credential` with a connection token that expires after 10 minutes
 * (protocol/README.md). Pass the source as the client's `credential` option:
 *
 * ```ts
 * const chat = new ClinicChatClient({ siteKey, relay, credential: cookieCredential(relay, siteKey) });
 * ```
 *
 * Without a cookie (a new browser, or one forgotten or signed out) the relay makes a new
 * visitor and says so (`fresh`). A refusal rejects as a refused handshake does (an Error
 * whose `data.code` is the relay's code); an unreachable relay as OFFLINE, which is retried.
 */
import type { VisitorCredential } from './client-types.ts';

type Refusal = Error & { data: { code: string } };

const refusal = (code: string): Refusal => Object.assign(new Error(code), { data: { code } });

export function cookieCredential(relay: string, siteKey: string): () => Promise<VisitorCredential> {
  const url = `${relay.replace(/\/+$/, '')}/visitor/credential?site=${encodeURIComponent(siteKey)}`;
  return async () => {
    let answer: Partial<VisitorCredential> & { code?: string };
    try {
      // A simple request (no body, no custom header): no preflight; the cookie goes with it.
      answer = (await (await fetch(url, { method: 'POST', credentials: 'include' })).json()) as typeof answer;
    } catch {
      throw refusal('OFFLINE');
    }
    if (typeof answer.token !== 'string') throw refusal(answer.code ?? 'INTERNAL');
    return { token: answer.token, fresh: answer.fresh === true };
  };
}
