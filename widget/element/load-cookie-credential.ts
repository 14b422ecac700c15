/**
 * Fetches cookie mode's token source (client/cookie-credential.ts) for a bundler's build
 * (`clinic-chat/widget`): a dynamic import, one split chunk, loaded only by an element with
 * `credential="cookie"`. The script-tag build replaces this module with
 * loader/cookie-script.ts (widget/rollup.bundles.mjs), as a classic script cannot import().
 */
import type { cookieCredential } from '../client/cookie-credential.ts';

export const loadCookieCredential = async (): Promise<typeof cookieCredential> => (await import('../client/cookie-credential.ts')).cookieCredential;
