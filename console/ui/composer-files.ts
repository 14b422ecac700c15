/**
 * The composer's files: the picker, a paste and a drop hand them to its `<cc-attach-tray>`
 * (whose code, attachments.ts, is fetched on the first file), uploading to the conversation
 * shown; sending reads what has uploaded. Staff upload with their session cookie to the
 * relay that serves the console.
 */
import type { AttachmentRef } from '../../protocol/attachments.ts';
import type { ThreadId } from '../../protocol/ids.ts';
import type { UploadTarget } from '../../widget/client/attachment-upload.ts';
import { loadAttachments } from './load-attachments.ts';

export class ComposerFiles {
  constructor(
    /** The composer's render root (made when it connects, hence asked for). */
    private readonly root: () => ParentNode,
    private readonly threadId: () => ThreadId | null,
  ) {}

  /** The tray's `target`: where an upload goes, asked when it starts. */
  readonly target = (): Promise<UploadTarget> => {
    const threadId = this.threadId();
    return threadId ? Promise.resolve({ relay: location.origin, threadId }) : Promise.reject(new Error('No conversation is open.'));
  };

  readonly picked = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    this.add(input.files);
    input.value = '';
  };

  readonly pasted = (event: ClipboardEvent): void => this.add(event.clipboardData?.files, event);

  readonly dropped = (event: DragEvent): void => this.add(event.dataTransfer?.files, event);

  /** The uploaded files to send: none before any was added; null while one is still uploading (the tray says so). */
  ready(): AttachmentRef[] | null {
    return this.tray_()?.ready() ?? [];
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
