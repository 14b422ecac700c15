/**
 * The files a message will carry, before it is sent: a thumbnail (images) or the name and
 * size (documents), a progress bar while each uploads at once, a Remove button per file
 * (which also cancels its upload), and a Retry for one that failed on the way (same
 * idempotency key: the relay keeps one copy). At most `ATTACHMENT_LIMITS.perMessage`.
 * The composer adds files (`add`: picker, paste, drop), reads `ready()` when sending and
 * `clear()`s after. The widget (attach-entry.ts) and the console each give it a `target`
 * and `words`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { ATTACHMENT_LIMITS } from '../../protocol/attachment-limits.ts';
import type { AttachmentRef } from '../../protocol/attachments.ts';
import { asClientError } from '../client/client-core.ts';
import { uploadFile, type UploadTarget } from '../client/attachment-upload.ts';
import type { AttachWords } from '../i18n/en.ts';
import { attach as en } from '../i18n/en.ts';
import { fileSize, fill } from './file-size.ts';

/** Larger than anything the relay takes by default: refused here without sending it. */
const BYTES_MAX = Math.max(ATTACHMENT_LIMITS.imageBytesMax, ATTACHMENT_LIMITS.documentBytesMax);

interface Item {
  key: string;
  name: string;
  size: number;
  /** The file picked; null for one already on the relay (a ready answer's copy). */
  file: File | null;
  /** An object URL of an image, for its thumbnail (revoked when the item goes). */
  preview: string | null;
  /** Share uploaded, 0 to 1. */
  sent: number;
  ref: AttachmentRef | null;
  problem: keyof AttachWords | null;
  abort: AbortController;
}

export class AttachTray extends LitElement {
  static override properties = {
    target: { attribute: false },
    words: { attribute: false },
    _items: { state: true },
    _note: { state: true },
  };

  static override styles = css`
    :host { display: block; }
    ul { display: flex; flex-wrap: wrap; gap: 6px; margin: 0; padding: 0; list-style: none; }
    li { position: relative; display: flex; flex-direction: column; gap: 2px; width: 96px; padding: 4px; border: 1px solid #d5dadd; border-radius: 8px; font-size: 11.5px; background: #fff; color: #1d2327; }
    li.failed { border-color: #b3261e; }
    img, .doc { width: 100%; height: 64px; object-fit: cover; border-radius: 4px; }
    .doc { display: flex; align-items: center; justify-content: center; background: #eef1f3; font-weight: 700; }
    .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    progress { width: 100%; height: 6px; }
    .problem, .note { color: #b3261e; }
    .note { margin: 4px 0 0; font-size: 12.5px; }
    .note:empty { display: none; }
    button { font: inherit; cursor: pointer; }
    .remove { position: absolute; top: 2px; right: 2px; width: 22px; height: 22px; padding: 0; border: 0; border-radius: 50%; background: rgba(0, 0, 0, .6); color: #fff; line-height: 22px; }
    button:focus-visible { outline: 3px solid var(--_accent, #0b6e4f); outline-offset: 1px; }
  `;

  /** Where uploads go, asked per upload (the widget opens a first-time patient's thread then). */
  declare target: (() => Promise<UploadTarget>) | null;
  declare words: AttachWords;
  declare _items: readonly Item[];
  /** Why files were not taken, or why sending waits. */
  declare _note: string;

  constructor() {
    super();
    this.target = null;
    this.words = en;
    this._items = [];
    this._note = '';
  }

  /** Takes files for the next message (up to the limit; the rest are refused with a note) and starts uploading them. */
  add(files: Iterable<File>): void {
    const room = ATTACHMENT_LIMITS.perMessage - this._items.length;
    const taken = [...files];
    this._note = taken.length > room ? fill(this.words.tooMany, { max: ATTACHMENT_LIMITS.perMessage }) : '';
    const added = taken.slice(0, Math.max(0, room)).map((file): Item => ({
      key: crypto.randomUUID(),
      name: file.name,
      size: file.size,
      file,
      preview: file.type.startsWith('image/') ? URL.createObjectURL(file) : null,
      sent: 0,
      ref: null,
      problem: file.size > BYTES_MAX ? 'tooLarge' : null,
      abort: new AbortController(),
    }));
    this._items = [...this._items, ...added];
    for (const item of added) if (!item.problem) void this.upload_(item);
  }

  /** Adds files already on the relay (a ready answer's copies, `answers:use`): nothing to upload. */
  addUploaded(refs: readonly AttachmentRef[]): void {
    const added = refs.slice(0, Math.max(0, ATTACHMENT_LIMITS.perMessage - this._items.length)).map((ref): Item => ({
      key: ref.id,
      name: ref.name,
      size: ref.size,
      file: null,
      preview: null,
      sent: 1,
      ref,
      problem: null,
      abort: new AbortController(),
    }));
    this._items = [...this._items, ...added];
  }

  /** The uploaded files, in order; null while one is still uploading (and says so). Failed ones are left out. */
  ready(): AttachmentRef[] | null {
    if (this._items.some((item) => !item.ref && !item.problem)) {
      this._note = this.words.wait;
      return null;
    }
    return this._items.flatMap((item) => (item.ref ? [item.ref] : []));
  }

  /** Empties the tray (after sending), cancelling anything still on its way. */
  clear(): void {
    for (const item of this._items) this.drop_(item);
    this._items = [];
    this._note = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.clear();
  }

  override render() {
    const w = this.words;
    const language = this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang ?? 'en';
    return html`${
      this._items.length
        ? html`<ul aria-label=${w.files}>${this._items.map((item) => {
            const name = item.name;
            return html`<li class=${item.problem ? 'failed' : ''}>
          ${item.preview ? html`<img src=${item.preview} alt="">` : html`<span class="doc" aria-hidden="true">${item.ref?.kind === 'image' ? 'IMG' : 'PDF'}</span>`}
          <span class="name" title=${name}>${name}</span>
          <span>${fileSize(item.size, language)}</span>
          ${item.ref || item.problem ? nothing : html`<progress max="1" .value=${item.sent} aria-label=${fill(w.uploading, { name })}></progress>`}
          ${item.problem ? html`<span class="problem" role="alert">${w[item.problem]}</span>` : nothing}
          ${item.problem === 'failed' ? html`<button type="button" @click=${() => this.retry_(item)}>${fill(w.retry, { name })}</button>` : nothing}
          <button type="button" class="remove" aria-label=${fill(w.remove, { name })} @click=${() => this.remove_(item)}><span aria-hidden="true">×</span></button>
        </li>`;
          })}</ul>`
        : nothing
    }<p class="note" role="status">${this._note}</p>`;
  }

  private async upload_(item: Item): Promise<void> {
    try {
      if (!this.target || !item.file) throw new Error('clinic-chat: the attach tray has no upload target');
      const target = await this.target();
      const ref = await uploadFile(target, item.file, {
        key: item.key,
        signal: item.abort.signal,
        progress: (sent) => this.change_(item, { sent }),
      });
      this.change_(item, { ref });
    } catch (error) {
      // Removed (and so cancelled) by the patient: nothing left to show.
      if (item.abort.signal.aborted) return;
      const code = asClientError(error).code;
      this.change_(item, { problem: code === 'ATTACHMENT_TYPE' ? 'type' : code === 'ATTACHMENT_TOO_LARGE' ? 'tooLarge' : 'failed' });
    }
  }

  private retry_(item: Item): void {
    this.change_(item, { problem: null, sent: 0 });
    void this.upload_(item);
  }

  private remove_(item: Item): void {
    this.drop_(item);
    this._items = this._items.filter((other) => other !== item);
    this._note = '';
  }

  private drop_(item: Item): void {
    item.abort.abort();
    if (item.preview) URL.revokeObjectURL(item.preview);
  }

  /** Progress and results change the item in place; the tray is drawn again. */
  private change_(item: Item, change: Partial<Item>): void {
    Object.assign(item, change);
    this.requestUpdate();
  }
}
