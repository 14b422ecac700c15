/**
 * The chat chunk's way to `<clinic-chat-contact>`: one more classic script (see README,
 * "Decisions"), next to the chat chunk's own file and with its CSP nonce, added once.
 * Stands in for contact/load-contact-form.ts in the chat chunk (widget/rollup.bundles.mjs).
 */
import contactFile from 'clinic-chat:contact-file';
import { trusted } from './trusted-urls.ts';

/** The chat chunk's own script tag: read while the chunk runs, the only moment it is known. */
const chatScript = document.currentScript as HTMLScriptElement | null;
let added = false;

export function loadContactForm(): void {
  if (added || !chatScript) return;
  added = true;
  const script = document.createElement('script');
  script.src = trusted.createScriptURL(new URL(contactFile, chatScript.src).href);
  if (chatScript.nonce) script.nonce = chatScript.nonce;
  document.head.append(script);
}
