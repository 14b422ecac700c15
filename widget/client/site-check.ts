/**
 * Whether the relay serves the widget on this page (its site key, and this page's origin
 * among the clinic's allowed sites), asked before a new visitor opens the chat, so a
 * misconfigured site shows no launcher instead of a dead chat. The relay's
 * `GET /widget/site-check` (protocol/README.md) answers by the handshake's own rule and
 * stores nothing. The browser keeps a yes for a day (its Cache-Control), so widget.js's
 * question at idle and the element's own are one request; a refusal is never kept.
 */
import type { ClinicChatSiteError } from '../element/element-types.ts';

/** Codes that mean the site itself is misconfigured: the chat cannot work on this page. */
export const SITE_REFUSALS: readonly string[] = ['SITE_KEY_UNKNOWN', 'ORIGIN_NOT_ALLOWED'] satisfies ClinicChatSiteError[];

/** The question's address; widget.js asks it too (`relay`: the relay's origin). */
export const siteCheckUrl = (relay: string, siteKey: string) => new URL(`/widget/site-check?site=${encodeURIComponent(siteKey)}`, relay);

/** Resolves with the refusal's code, or null when the site is served (or the relay cannot be reached now: opening the chat says so). */
export async function checkSite(relay: string, siteKey: string): Promise<ClinicChatSiteError | null> {
  try {
    const answer = await fetch(siteCheckUrl(relay, siteKey));
    const code = answer.ok ? null : ((await answer.json()) as { code?: string }).code;
    return code && SITE_REFUSALS.includes(code) ? (code as ClinicChatSiteError) : null;
  } catch {
    // Unreachable or not JSON: not a verdict on the site; the chat reports its own connection.
    return null;
  }
}
