/**
 * Fetches the conversation's list (message-list.ts) for a bundler's build (`clinic-chat/widget`):
 * a dynamic import, one split chunk. The script-tag build replaces this module with
 * loader/messages-script.ts (widget/rollup.bundles.mjs), as a classic script cannot import().
 */
import type { RenderTimeline } from './message-list.ts';

export const loadMessageList = async (): Promise<RenderTimeline> => (await import('./message-list.ts')).renderTimeline;
