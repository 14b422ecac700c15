/**
 * The chat chunk's way to the conversation's list: its classic script, messages-[hash].js
 * (messages-entry.ts, added by chunk-script.ts), which hands `renderTimeline` over in an
 * event on its own script element (no global), like the words scripts. Stands in for
 * element/load-message-list.ts in the chat chunk (widget/rollup.bundles.mjs).
 */
import messagesFile from 'clinic-chat:messages-file';
import type { RenderTimeline } from '../element/message-list.ts';
import { scriptBeside } from './chunk-script.ts';
import { MESSAGES_EVENT } from './words-event.ts';

export function loadMessageList(): Promise<RenderTimeline> {
  return new Promise((resolve, reject) => {
    const script = scriptBeside(messagesFile);
    script.addEventListener(MESSAGES_EVENT, (event) => resolve((event as CustomEvent<RenderTimeline>).detail));
    script.onerror = () => reject(new Error(`clinic-chat: WIDGET_LOAD_FAILED: could not load ${script.src}`));
  });
}
