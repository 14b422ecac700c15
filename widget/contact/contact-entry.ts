// The contact chunk (dist/widget/contact-[hash].js, or a split chunk of `clinic-chat/widget`): registers <clinic-chat-contact> and <clinic-chat-forget>.
import { ClinicChatContact } from './contact-form.ts';
import { ClinicChatForget } from './forget-device.ts';

if (!customElements.get('clinic-chat-contact')) customElements.define('clinic-chat-contact', ClinicChatContact);
if (!customElements.get('clinic-chat-forget')) customElements.define('clinic-chat-forget', ClinicChatForget);
