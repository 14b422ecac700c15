/**
 * The chat chunk's way to `<clinic-chat-contact>`: its classic script, added once.
 * Stands in for contact/load-contact-form.ts in the chat chunk (widget/rollup.bundles.mjs).
 */
import contactFile from 'clinic-chat:contact-file';
import { scriptOnce } from './chunk-script.ts';

export const loadContactForm = (): void => scriptOnce(contactFile);
