/**
 * The files of one message: images as thumbnails that open the full picture in a new tab,
 * documents as chips (name and size) that download. Files are fetched through short-lived
 * signed URLs (`attachment:url`), asked for when shown and again before they expire; until
 * one arrives its link has no address. The widget (attach-entry.ts) and the console each
 * give it `fileUrl` and `words`.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { AttachmentRef, AttachmentUrlResult, AttachmentVariant } from '../../protocol/attachments.ts';
import type { AttachmentId, ThreadId } from '../../protocol/stream-ids.ts';
import type { AttachWords } from '../i18n/en.ts';
import { attach as en } from '../i18n/en.ts';
import { fileSize, fill } from './file-size.ts';

/** A signed URL is asked for again this long before it expires. */
const RENEW_BEFORE_MS = 30_000;
/** The longest wait before asking again (also after a failed try). */
const RENEW_MAX_MS = 5 * 60_000;

export type FileUrl = (threadId: ThreadId, attachmentId: AttachmentId, variant: AttachmentVariant) => Promise<AttachmentUrlResult>;

export class AttachmentList extends LitElement {
  static override properties = {
    refs: { attribute: false },
    threadId: { attribute: false },
    fileUrl: { attribute: false },
    words: { attribute: false },
  };

  static override styles = css`
    :host { display: block; margin-top: 4px; }
    ul { display: flex; flex-wrap: wrap; gap: 6px; margin: 0; padding: 0; list-style: none; }
    a { color: inherit; }
    img { display: block; max-width: 200px; max-height: 200px; border-radius: 8px; background: #eef1f3; }
    .doc { display: inline-flex; gap: 6px; align-items: center; padding: 6px 10px; border-radius: 8px; border: 1px solid currentColor; text-decoration: none; overflow-wrap: anywhere; }
    .doc::before { content: 'PDF'; font-size: 11px; font-weight: 700; }
    a:focus-visible { outline: 3px solid var(--_accent, #0b6e4f); outline-offset: 2px; }
  `;

  declare refs: readonly AttachmentRef[];
  declare threadId: ThreadId | null;
  declare fileUrl: FileUrl | null;
  declare words: AttachWords;

  /** Signed URLs by `id:variant`. */
  private readonly urls_ = new Map<string, AttachmentUrlResult>();
  private renew_: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.refs = [];
    this.threadId = null;
    this.fileUrl = null;
    this.words = en;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('refs') || changed.has('threadId') || changed.has('fileUrl')) void this.fetchUrls_();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) void this.fetchUrls_();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.renew_);
  }

  override render() {
    const w = this.words;
    const language = this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang ?? 'en';
    return html`<ul>${this.refs.map((ref) => {
      const name = ref.name;
      if (ref.kind === 'image') {
        return html`<li><a href=${this.url_(ref, 'original') ?? nothing} target="_blank" rel="noopener noreferrer" aria-label=${fill(w.open, { name })}>
          <img src=${this.url_(ref, ref.thumb ? 'thumb' : 'original') ?? nothing} alt=${name} width=${ref.width ?? nothing} height=${ref.height ?? nothing}></a></li>`;
      }
      return html`<li><a class="doc" href=${this.url_(ref, 'original') ?? nothing} download=${name} rel="noopener noreferrer" aria-label=${fill(w.download, { name })}>
        <span>${name}</span><span>${fileSize(ref.size, language)}</span></a></li>`;
    })}</ul>`;
  }

  private url_(ref: AttachmentRef, variant: AttachmentVariant): string | undefined {
    return this.urls_.get(`${ref.id}:${variant}`)?.url;
  }

  /** Asks for every URL shown that is missing or about to expire, then plans the next renewal. */
  private async fetchUrls_(): Promise<void> {
    const { fileUrl, threadId } = this;
    if (!fileUrl || !threadId) return;
    clearTimeout(this.renew_);
    const soon = Date.now() + RENEW_BEFORE_MS;
    const wanted = this.refs.flatMap((ref) =>
      ref.kind === 'image' && ref.thumb
        ? ([
            [ref, 'original'],
            [ref, 'thumb'],
          ] as const)
        : ([[ref, 'original']] as const),
    );
    const stale = wanted.filter(([ref, variant]) => (this.urls_.get(`${ref.id}:${variant}`)?.expiresAt ?? 0) < soon);
    try {
      const results = await Promise.all(stale.map(([ref, variant]) => fileUrl(threadId, ref.id, variant)));
      stale.forEach(([ref, variant], index) => this.urls_.set(`${ref.id}:${variant}`, results[index]!));
      this.requestUpdate();
    } catch (error) {
      // Offline or refused: the links stay without an address until the next try.
      console.warn('clinic-chat: ATTACHMENT_URL_FAILED', (error as { code?: string }).code);
    }
    if (!this.isConnected) return;
    const next = Math.min(...[...this.urls_.values()].map((url) => url.expiresAt - Date.now() - RENEW_BEFORE_MS), RENEW_MAX_MS);
    this.renew_ = setTimeout(() => void this.fetchUrls_(), Math.max(RENEW_BEFORE_MS, next));
  }
}
