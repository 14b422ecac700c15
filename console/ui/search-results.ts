/**
 * Conversation search results (issue 12 §2), in a chunk of its own: fetched the first time
 * someone searches. One row per thread the relay found, what matched with the query's
 * words marked (protocol/search-text.ts, the same reading the relay's index uses); a
 * click opens the conversation at that message.
 */
import { LitElement, css, html, nothing } from 'lit';
import { matchRanges, queryPrefixes } from '../../protocol/search-text.ts';
import type { SearchHit } from '../../protocol/search.ts';
import { asClientError, type ClientErrorCode } from '../../widget/client/client-core.ts';
import { t } from '../i18n/index.ts';
import type { Workspace } from '../state/workspace.ts';
import { errorReason, shortTime } from './format.ts';
import { theme } from './theme.ts';

/** Characters of context shown before the first match of a long text. */
const LEAD = 40;
/** Characters shown of a matching text. */
const SNIPPET = 180;

/** The text around its first match, as plain parts and marked parts. */
function snippet(text: string, prefixes: readonly string[]) {
  const ranges = matchRanges(text, prefixes);
  const start = Math.max(0, (ranges[0]?.[0] ?? 0) - LEAD);
  const end = Math.min(text.length, start + SNIPPET);
  const parts = [];
  let at = start;
  for (const [from, to] of ranges) {
    if (from < at || from >= end) continue;
    parts.push(text.slice(at, from), html`<mark>${text.slice(from, Math.min(to, end))}</mark>`);
    at = Math.min(to, end);
  }
  parts.push(text.slice(at, end));
  return html`${start > 0 ? '…' : ''}${parts}${end < text.length ? '…' : ''}`;
}

export class SearchResults extends LitElement {
  static override properties = { workspace: { attribute: false }, query: {}, _hits: { state: true }, _error: { state: true } };

  declare workspace: Workspace;
  declare query: string;
  declare _hits: SearchHit[] | null;
  declare _error: ClientErrorCode | null;
  /** Only the newest query's answer is shown. */
  #generation = 0;

  constructor() {
    super();
    this._hits = null;
    this._error = null;
  }

  static override styles = [
    theme,
    css`
    :host { display: block; }
    ul { list-style: none; margin: 0; padding: 0; }
    button { display: block; width: 100%; text-align: left; border: 0; border-bottom: 1px solid var(--cc-border); border-radius: 0; padding: 0.6rem 0.75rem; }
    .name { font-weight: 600; }
    .meta { color: var(--cc-muted); font-size: 0.8rem; }
    .text { display: block; font-size: 0.9rem; overflow-wrap: anywhere; }
    mark { background: #fde68a; color: inherit; }
    p { padding: 1rem; color: var(--cc-muted); margin: 0; }
  `,
  ];

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('query')) void this.#run();
  }

  override render() {
    if (this._error) return html`<p role="alert">${errorReason(this._error)}</p>`;
    if (this._hits === null) return html`<p role="status">${t('search.searching')}</p>`;
    if (this._hits.length === 0) return html`<p role="status">${t('search.none')}</p>`;
    const prefixes = queryPrefixes(this.query);
    return html`<ul aria-label=${t('search.results')}>
      ${this._hits.map(
        (hit) => html`<li><button @click=${() => this.#open(hit)}>
          <span class="name">${hit.thread.patient.displayName}</span>
          <span class="meta">· ${t(`search.field.${hit.field}`)} · ${shortTime(hit.thread.lastActivityAt)}</span>
          <span class="text">${snippet(hit.text, prefixes)}</span>
        </button></li>`,
      )}
    </ul>`;
  }

  async #run(): Promise<void> {
    const generation = ++this.#generation;
    this._hits = null;
    this._error = null;
    try {
      const { hits } = await this.workspace.search(this.query);
      if (generation === this.#generation) this._hits = hits;
    } catch (error) {
      if (generation === this.#generation) this._error = asClientError(error).code;
    }
  }

  #open(hit: SearchHit): void {
    this.workspace.openAt(hit.thread, hit.messageId);
    this.dispatchEvent(new CustomEvent('thread-opened', { bubbles: true, composed: true }));
  }
}

customElements.define('cc-search-results', SearchResults);

declare global {
  interface HTMLElementTagNameMap {
    'cc-search-results': SearchResults;
  }
}
