/**
 * The chat chunk's way to `<clinic-chat-attach>` and `<clinic-chat-files>`: their classic
 * script, added once. Stands in for attach/load-attach.ts in the chat chunk (widget/rollup.bundles.mjs).
 */
import attachFile from 'clinic-chat:attach-file';
import { scriptOnce } from './chunk-script.ts';

export const loadAttach = (): void => scriptOnce(attachFile);
