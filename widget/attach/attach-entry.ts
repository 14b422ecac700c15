// The attach chunk (dist/widget/attach-[hash].js, or a split chunk of `clinic-chat/widget`):
// <clinic-chat-attach> (files before sending) and <clinic-chat-files> (files in messages),
// working through the ClinicChatClient of the <clinic-chat> whose panel holds them.
import type { ClinicChatElement } from '../element/clinic-chat-element.ts';
import type { AttachWords } from '../i18n/en.ts';
import { attach as en } from '../i18n/en.ts';
import { attach as ru } from '../i18n/ru.ts';
import { AttachTray } from './attach-tray.ts';
import { AttachmentList } from './attachment-list.ts';

/** The `<clinic-chat>` whose shadow root holds `element`. */
const chatOf = (element: Element) => (element.getRootNode() as ShadowRoot).host as ClinicChatElement;
const wordsFor = (element: Element): AttachWords => (element.closest('[lang]')?.getAttribute('lang') === 'ru' ? ru : en);

class ClinicChatAttach extends AttachTray {
  override connectedCallback(): void {
    super.connectedCallback();
    this.words = wordsFor(this);
    this.target = () => {
      const client = chatOf(this).client;
      return client ? client.uploadTarget() : Promise.reject(new Error('clinic-chat: no client yet'));
    };
  }
}

class ClinicChatFiles extends AttachmentList {
  override connectedCallback(): void {
    this.words = wordsFor(this);
    const client = chatOf(this).client;
    this.fileUrl = client && ((threadId, attachmentId, variant) => client.fileUrl(threadId, attachmentId, variant));
    super.connectedCallback();
  }
}

if (!customElements.get('clinic-chat-attach')) customElements.define('clinic-chat-attach', ClinicChatAttach);
if (!customElements.get('clinic-chat-files')) customElements.define('clinic-chat-files', ClinicChatFiles);
