/**
 * Whether the relay will serve this site, asked before a new visitor opens the chat, so a
 * misconfigured site shows no launcher instead of a dead chat. A visitor is stored only on
 * a handshake without a token, so the question is a handshake with a well-formed token no
 * visitor holds: the relay checks the site key, then the page's origin, then the token, and
 * its TOKEN_INVALID means the site is served; nothing is stored. A yes is remembered for a day.
 *
 * TODO(issue 11): a relay endpoint answering this question directly would make the probe
 * and its reliance on the relay's order of checks unnecessary.
 */
import type { ErrorCode } from '../../protocol/errors.ts';
import type { ClinicChatSiteError } from '../element/element-types.ts';
import { createVisitorSocket } from './visitor-socket.ts';
import type { VisitorStorage } from './visitor-storage.ts';

/** Codes that mean the site itself is misconfigured: the chat cannot work on this page. */
export const SITE_REFUSALS: readonly string[] = ['SITE_KEY_UNKNOWN', 'ORIGIN_NOT_ALLOWED'] satisfies ClinicChatSiteError[];

/** A yes is asked again after a day, so a site later removed from the clinic's list is noticed. */
const REMEMBER_MS = 86_400_000;
/** 43 URL-safe characters, as protocol/limits.ts requires of a token; no issued (random, 256-bit) token equals it. */
const NO_VISITOR = 'site-check'.padEnd(43, '_');

/** Resolves with the refusal's code, or null when the site is served (or the relay cannot be reached now). */
export function checkSite(relay: string, siteKey: string, storage: VisitorStorage): Promise<ClinicChatSiteError | null> {
  if (Date.now() - Number(storage.siteCheckedAt) < REMEMBER_MS) return Promise.resolve(null);
  return new Promise((resolve) => {
    const socket = createVisitorSocket(relay, () => ({ siteKey, token: NO_VISITOR }));
    socket.on('connect_error', (error: Error & { data?: { code?: ErrorCode } }) => {
      socket.disconnect();
      const code = error.data?.code;
      if (code === 'TOKEN_INVALID') storage.siteCheckedAt = String(Date.now());
      resolve(code && SITE_REFUSALS.includes(code) ? (code as ClinicChatSiteError) : null);
    });
    socket.connect();
  });
}
