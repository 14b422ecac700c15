/**
 * The widget's attachment elements, registered for the console: `<cc-attach-tray>` (files
 * before sending, in the composer) and `<cc-attachments>` (files in a message). Same code
 * as the patient's side (widget/attach/), so both show, name and fetch files alike; staff
 * upload with their session cookie on the relay's own origin. A lazy chunk (`loadAttachments`),
 * fetched when a file is first attached or shown: ~3.8 KB gzip the console's first load
 * does not need.
 */
import { attach as en, type AttachWords } from '../../widget/i18n/en.ts';
import { attach as ru } from '../../widget/i18n/ru.ts';
import { AttachTray } from '../../widget/attach/attach-tray.ts';
import { AttachmentList } from '../../widget/attach/attachment-list.ts';
import { locale } from '../i18n/index.ts';

const words: AttachWords = locale === 'ru' ? ru : en;

export class ConsoleAttachTray extends AttachTray {
  constructor() {
    super();
    this.words = words;
  }
}

export class ConsoleAttachments extends AttachmentList {
  constructor() {
    super();
    this.words = words;
  }
}

customElements.define('cc-attach-tray', ConsoleAttachTray);
customElements.define('cc-attachments', ConsoleAttachments);

declare global {
  interface HTMLElementTagNameMap {
    'cc-attach-tray': ConsoleAttachTray;
    'cc-attachments': ConsoleAttachments;
  }
}
