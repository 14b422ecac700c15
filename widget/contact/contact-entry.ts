// The contact chunk (dist/widget/contact-[hash].js, or a split chunk of `clinic-chat/widget`): registers <clinic-chat-contact>.
import { ClinicChatContact } from './contact-form.ts';

if (!customElements.get('clinic-chat-contact')) customElements.define('clinic-chat-contact', ClinicChatContact);
