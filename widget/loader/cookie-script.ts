/**
 * The chat chunk's way to cookie mode's token source: its classic script, cookie-[hash].js
 * (cookie-entry.ts), which hands `cookieCredential` over in an event on its own script
 * element (no global), like the messages script. Fetched only for `credential="cookie"`
 * (data-credential on the script tag). Stands in for element/load-cookie-credential.ts in
 * the chat chunk (widget/rollup.bundles.mjs).
 */
import cookieFile from 'clinic-chat:cookie-file';
import type { cookieCredential } from '../client/cookie-credential.ts';
import { scriptBeside } from './chunk-script.ts';
import { COOKIE_EVENT } from './words-event.ts';

export function loadCookieCredential(): Promise<typeof cookieCredential> {
  return new Promise((resolve, reject) => {
    const script = scriptBeside(cookieFile);
    script.addEventListener(COOKIE_EVENT, (event) => resolve((event as CustomEvent<typeof cookieCredential>).detail));
    script.onerror = () => reject(new Error(`clinic-chat: WIDGET_LOAD_FAILED: could not load ${script.src}`));
  });
}
