/**
 * The tab's icon with the waiting count on it (issue 12 §4), beside the count in the title:
 * the console's own SVG icon, fetched once, with a red badge drawn into it, as a data URL
 * (the console's CSP allows data: images). At 0 the plain icon comes back.
 */
const BADGE_MAX = 99;

const badge = (count: number) =>
  `<circle cx="70" cy="30" r="30" fill="#c62828"/><text x="70" y="42" font-size="34" font-family="sans-serif" font-weight="700" text-anchor="middle" fill="#fff">${count > BADGE_MAX ? `${BADGE_MAX}+` : count}</text>`;

export class FaviconBadge {
  #plain: string | null = null;
  #svg: Promise<string> | null = null;
  #shown = 0;

  show(count: number): void {
    if (count === this.#shown) return;
    this.#shown = count;
    const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
    if (!link) return;
    const plain = (this.#plain ??= link.href);
    if (count === 0) {
      link.href = plain;
      return;
    }
    this.#svg ??= fetch(plain).then((response) => response.text());
    this.#svg
      .then((svg) => {
        if (this.#shown === count) link.href = `data:image/svg+xml,${encodeURIComponent(svg.replace('</svg>', `${badge(count)}</svg>`))}`;
      })
      .catch((error: unknown) => {
        // The count is in the title too: a missing badge is worth a line in the console, no more.
        this.#svg = null;
        console.warn('[console] favicon badge', error);
      });
  }
}
