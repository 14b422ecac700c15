/**
 * A message text with its addresses as links (protocol/message-links.ts decides which):
 * each `<a>` is built by Lit with the address as its text, never parsed from HTML, and
 * opens apart from the page. The console renders its messages with this too.
 */
import { html } from 'lit';
import { linkParts } from '../../protocol/message-links.ts';

export const linkedText = (text: string) =>
  linkParts(text).map((part) => (part.href ? html`<a href=${part.href} target="_blank" rel="noopener noreferrer">${part.text}</a>` : part.text));
