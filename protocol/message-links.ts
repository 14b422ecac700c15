/**
 * Which parts of a message text are links: http(s), mailto and tel addresses, exactly as
 * written. The widget and the console both render these parts (as `<a>` built by Lit, never
 * from HTML), so both sides agree on what is clickable. Anything else, `javascript:` and
 * `data:` included, stays text. No runtime dependencies.
 */

/** A run of plain text, or a link whose visible text is its full address. */
export type TextPart = { text: string; href?: string };

/** A scheme we link, up to the next space or character that cannot be in a written address. */
const CANDIDATE = /\b(?:https?:\/\/|mailto:|tel:)[^\s<>"]+/gi;
/** Punctuation that ends a sentence rather than the address ("see https://x.org/a."). */
const TRAILING = /[.,;:!?'»\]]+$/;

function parsed(address: string): URL | null {
  try {
    return new URL(address);
  } catch {
    // Looked like an address but is none ("https://?"): it stays text.
    return null;
  }
}

/** `text` cut into parts; joining their `text` gives back `text`. */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let from = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    let address = match[0].replace(TRAILING, '');
    // "(see https://x.org/a)", but "https://en.wikipedia.org/wiki/A_(B)" keeps its own bracket.
    if (address.endsWith(')') && address.split(')').length > address.split('(').length) address = address.slice(0, -1).replace(TRAILING, '');
    // Only the schemes above can match, and a URL keeps its scheme: the check is that it parses.
    const url = parsed(address);
    if (!url) continue;
    if (match.index > from) parts.push({ text: text.slice(from, match.index) });
    parts.push({ text: address, href: url.href });
    from = match.index + address.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from) });
  return parts;
}
