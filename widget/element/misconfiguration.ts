/**
 * What the page's developer reads in the console when the relay will not serve the site:
 * the code and how to fix it. The patient sees nothing (the element draws no launcher).
 */
import type { ClinicChatSiteError } from './element-types.ts';

const FIXES: Record<ClinicChatSiteError, (siteKey: string, relay: string) => string> = {
  SITE_KEY_UNKNOWN: (siteKey, relay) => `${relay} does not know site key "${siteKey}": copy it from the clinic's console settings.`,
  ORIGIN_NOT_ALLOWED: () => `add ${location.origin} to "Allowed sites" in the clinic's console settings.`,
};

/** Logs the one warning for a refused site (code: one of site-check.ts's SITE_REFUSALS). */
export function warnMisconfigured(code: ClinicChatSiteError, siteKey: string, relay: string): void {
  console.warn(`clinic-chat: ${code}: ${FIXES[code](siteKey, relay)}`);
}
