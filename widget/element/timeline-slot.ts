/**
 * Where the conversation's list goes in the panel. Its code (message-list.ts) is fetched
 * only once there is something to list, so a first-time patient downloads none of it before
 * their first message (the first-message budget, bundle-size.test.ts); until it arrives the
 * list is empty and the element is drawn again when it has.
 */
import { html, nothing } from 'lit';
import type { AttachmentRef } from '../../protocol/attachments.ts';
import type { ClientMessageId, ThreadId } from '../../protocol/stream-ids.ts';
import { loadAttach } from '../attach/load-attach.ts';
import type { TimelineEntry } from '../client/clinic-chat-client.ts';
import type { Language, Translate } from '../i18n/index.ts';
import { loadMessageList } from './load-message-list.ts';
import type { RenderTimeline, TimelineParts } from './message-list.ts';
import { bookingLine } from './people-slot.ts';

let render: RenderTimeline | null = null;
let loading: Promise<unknown> | null = null;

const parts: TimelineParts = {
  /** A message's files: `<clinic-chat-files>`, from the attach chunk (fetched now, once). */
  files(files: AttachmentRef[], threadId: ThreadId | null) {
    loadAttach();
    return html`<clinic-chat-files part="attachments" .refs=${files} .threadId=${threadId}></clinic-chat-files>`;
  },
  booking: bookingLine,
};

/** The list, or nothing while its code is on its way (`arrived` then redraws). */
export function timelineSlot(
  entries: readonly TimelineEntry[],
  language: Language,
  t: Translate,
  act: (clientId: ClientMessageId, retry: boolean) => void,
  arrived: () => void,
) {
  if (render) return render(entries, language, t, act, parts);
  loading ??= loadMessageList().then((loaded) => {
    render = loaded;
    arrived();
  });
  return nothing;
}
