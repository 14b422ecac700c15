/**
 * How the chat chunk fetches the script-tag build's other chunks (words, contact, attach):
 * one more classic script each (see README, "Decisions"), next to the chat chunk's own
 * file and with its CSP nonce.
 */
import { trusted } from './trusted-urls.ts';

/** The chat chunk's own script tag: read while the chunk runs, the only moment it is known. */
const chatScript = document.currentScript as HTMLScriptElement;
const added = new Set<string>();

/** Adds the script of `file` (a hashed name beside the chat chunk's) to the page. */
export function scriptBeside(file: string): HTMLScriptElement {
  const script = document.createElement('script');
  script.src = trusted.createScriptURL(new URL(file, chatScript.src).href);
  if (chatScript.nonce) script.nonce = chatScript.nonce;
  document.head.append(script);
  return script;
}

/** Adds the script of `file` once: a chunk that registers elements. */
export function scriptOnce(file: string): void {
  if (!added.has(file)) scriptBeside(file);
  added.add(file);
}
