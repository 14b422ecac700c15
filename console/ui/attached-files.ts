/**
 * Files for what a form sends (the composer's message, a ready answer): the picker, a paste
 * and a drop hand them to the form's `<cc-attach-tray>` (whose code, attachments.ts, is
 * fetched on the first file), which uploads them at once; sending reads what has uploaded.
 * Staff upload with their session cookie to the relay that serves the console.
 */
import { css, html } from 'lit';
import type { AttachmentRef } from '../../protocol/attachments.ts';
import type { UploadTarget } from '../../widget/client/attachment-upload.ts';
import { t } from '../i18n/index.ts';
import { loadAttachments } from './load-attachments.ts';

/** The look of `button()`, for the styles of the element that shows it. */
export const attachButtonStyles = css`
  .attach { position: relative; display: inline-flex; align-items: center; justify-self: start; min-height: 2.25rem; padding: 0 0.75rem; border: 1px solid var(--cc-border); border-radius: 6px; cursor: pointer; font-weight: normal; }
  .attach:focus-within { outline: 3px solid var(--cc-accent); outline-offset: 1px; }
  .attach input { position: absolute; inset: 0; opacity: 0; width: 100%; cursor: pointer; }
`;

export class AttachedFiles {
  constructor(
    /** The form's render root (made when its element connects, hence asked for). */
    private readonly root: () => ParentNode,
    /** Where uploads go now (the conversation shown, the ready answers), or null when nowhere. */
    private readonly where: () => UploadTarget | null,
  ) {}

  /** The tray's `target`: where an upload goes, asked when it starts. */
  readonly target = (): Promise<UploadTarget> => {
    const target = this.where();
    return target ? Promise.resolve(target) : Promise.reject(new Error('No conversation is open.'));
  };

  readonly picked = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    this.add(input.files);
    input.value = '';
  };

  /** "Attach file": a file input in a label (images and PDFs; a phone offers its camera). */
  button() {
    return html`<label class="attach"><input type="file" multiple accept="image/*,application/pdf" @change=${this.picked}>${t('composer.attach')}</label>`;
  }

  /** The tray holds exactly these files (already on the relay): a ready answer being edited. */
  replace(refs: readonly AttachmentRef[]): void {
    void loadAttachments().then(() => {
      this.tray_()?.clear();
      this.tray_()?.addUploaded(refs);
    });
  }

  readonly pasted = (event: ClipboardEvent): void => this.add(event.clipboardData?.files, event);

  readonly dropped = (event: DragEvent): void => this.add(event.dataTransfer?.files, event);

  /** Files already on the relay (a ready answer's copies) join the tray. */
  addUploaded(refs: readonly AttachmentRef[]): void {
    void loadAttachments().then(() => this.tray_()?.addUploaded(refs));
  }

  /** The uploaded files to send: `none` before the tray's code is here; null while one is still uploading (the tray says so). */
  ready(none: AttachmentRef[] = []): AttachmentRef[] | null {
    return this.tray_()?.ready() ?? none;
  }

  clear(): void {
    this.tray_()?.clear();
  }

  private add(list: FileList | null | undefined, event?: Event): void {
    const files = [...(list ?? [])];
    if (files.length === 0) return;
    event?.preventDefault();
    void loadAttachments().then(() => this.tray_()?.add(files));
  }

  /** The tray, once its code is here. */
  private tray_() {
    return customElements.get('cc-attach-tray') ? this.root().querySelector('cc-attach-tray') : null;
  }
}
