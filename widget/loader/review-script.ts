/**
 * The contact chunk's way to `<clinic-chat-review>` (issue 13): one more classic script,
 * next to the contact chunk's own file and with its CSP nonce, added once. Stands in for
 * contact/load-review.ts in the contact chunk (widget/rollup.bundles.mjs).
 */
import reviewFile from 'clinic-chat:review-file';
import { trusted } from './trusted-urls.ts';

/** The contact chunk's own script tag: read while the chunk runs, the only moment it is known. */
const contactScript = document.currentScript as HTMLScriptElement | null;
let added = false;

export function loadReview(): void {
  if (added || !contactScript) return;
  added = true;
  const script = document.createElement('script');
  script.src = trusted.createScriptURL(new URL(reviewFile, contactScript.src).href);
  if (contactScript.nonce) script.nonce = contactScript.nonce;
  document.head.append(script);
}
