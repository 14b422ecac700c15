/**
 * `clinic-chat/widget`: registers `<clinic-chat>`. Importing it twice (or next to the
 * script-tag loader) is harmless: the first definition wins.
 */
import { ClinicChatElement } from './element/clinic-chat-element.ts';

if (!customElements.get('clinic-chat')) customElements.define('clinic-chat', ClinicChatElement);

export { ClinicChatElement, type ClinicChatEventMap } from './element/clinic-chat-element.ts';
export type { VisitorIdentity } from './client/clinic-chat-client.ts';
export type { ClinicChatAttributes, ClinicChatLanguage, ClinicChatPosition, ClinicChatSiteError } from './element/element-types.ts';
