/**
 * Where the opt-in for reply notices goes in the panel: `<clinic-chat-contact>` (widget/contact/),
 * whose code is fetched only here, once the patient has written (or has given a contact), so a
 * first visit downloads none of it. Until it arrives the element is empty.
 */
import { html } from 'lit';
import type { ClinicChatClient } from '../client/clinic-chat-client.ts';
import type { Language } from '../i18n/index.ts';
import { loadContactForm } from '../contact/load-contact-form.ts';

export function contactSlot(client: ClinicChatClient, lang: Language) {
  loadContactForm();
  return html`<clinic-chat-contact part="contact" lang=${lang} .client=${client} .contact=${client.contact}></clinic-chat-contact>`;
}
