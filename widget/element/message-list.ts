/**
 * The conversation as a list: day separators, where a new request begins, who wrote, the
 * text (always as text: Lit never parses it as HTML; addresses become links), the time, and our own messages' state.
 *
 * Fetched only once there is something to list (timeline-slot.ts): a first-time patient
 * needs none of it before their first message. In the script-tag build it is its own
 * classic script, messages-[hash].js (loader/messages-entry.ts), with lit-html's `html` of its
 * own: a template result is plain data that the chat chunk's Lit renders.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Message, SystemEvent } from '../../protocol/model.ts';
import type { AttachmentRef } from '../../protocol/attachments.ts';
import type { ClientMessageId, ThreadId } from '../../protocol/stream-ids.ts';
import type { TimelineEntry } from '../client/clinic-chat-client.ts';
import type { Language, Translate } from '../i18n/index.ts';
import { formatDay, formatTime, startOfDay } from './format.ts';
import { linkedText } from './linked-text.ts';

/**
 * What the chat chunk draws inside the list, from chunks it fetches once: a message's files
 * (`<clinic-chat-files>`, the attach chunk) and booking requests and answers (the people chunk).
 */
export interface TimelineParts {
  files(files: AttachmentRef[], threadId: ThreadId | null): TemplateResult;
  booking(message: Message): TemplateResult;
}
export type RenderTimeline = typeof renderTimeline;

function systemText(event: SystemEvent, t: Translate): string {
  if (event.kind === 'away') return event.text;
  if (event.kind === 'assigned') return event.assignee ? t('system.assigned', { name: event.assignee.name }) : t('system.unassigned');
  // Booking answers are drawn by the people chunk (TimelineParts.booking).
  return event.kind === 'status' ? t(`system.status.${event.status}`) : '';
}

function entryTime(entry: TimelineEntry): number {
  return entry.kind === 'stored' ? entry.message.at : entry.kind === 'divider' ? entry.thread.createdAt : entry.entry.createdAt;
}

function authorOf(entry: TimelineEntry): string | null {
  return entry.kind === 'stored' && entry.message.author.kind === 'staff' ? entry.message.author.staff.name : null;
}

/** `act` runs a failed message's Retry (true) or Delete (false). */
export function renderTimeline(
  entries: readonly TimelineEntry[],
  language: Language,
  t: Translate,
  act: (clientId: ClientMessageId, retry: boolean) => void,
  parts: TimelineParts,
): TemplateResult[] {
  const out: TemplateResult[] = [];
  const words = { today: t('day.today'), yesterday: t('day.yesterday') };
  let day = -1;
  let previousAuthor: string | null = null;
  for (const entry of entries) {
    const time = entryTime(entry);
    if (startOfDay(time) !== day) {
      day = startOfDay(time);
      previousAuthor = null;
      out.push(html`<p class="day" part="day">${formatDay(time, language, words)}</p>`);
    }
    if (entry.kind === 'divider') {
      previousAuthor = null;
      out.push(html`<p class="system new" part="divider">${t('panel.newRequest')}</p>`);
      continue;
    }
    if (entry.kind === 'stored' && (entry.message.type === 'booking' || (entry.message.type === 'system' && entry.message.event.kind === 'booking'))) {
      previousAuthor = null;
      out.push(parts.booking(entry.message));
      continue;
    }
    if (entry.kind === 'stored' && entry.message.type === 'system') {
      previousAuthor = null;
      out.push(html`<p class="system" part="system-message">${systemText(entry.message.event, t)}</p>`);
      continue;
    }
    const text = entry.kind === 'stored' ? ('text' in entry.message ? entry.message.text : '') : entry.entry.text;
    const files = entry.kind === 'stored' ? ('attachments' in entry.message ? entry.message.attachments : undefined) : entry.entry.attachments;
    const author = authorOf(entry);
    const showAuthor = author !== null && author !== previousAuthor;
    previousAuthor = author ?? t('message.you');
    const failed = entry.state === 'failed';
    out.push(html`
      <div class="msg ${entry.own ? 'own' : 'staff'} ${failed ? 'failed' : ''}" part="message ${entry.own ? 'message-own' : 'message-staff'}">
        ${showAuthor ? html`<span class="author">${author}</span>` : html`<span class="sr-only">${author ?? t('message.you')}:</span>`}
        <p class="text">${linkedText(text)}</p>
        ${files?.length ? parts.files(files, entry.kind === 'stored' ? entry.message.threadId : entry.entry.threadId) : nothing}
        <span class="meta"><time datetime=${new Date(time).toISOString()}>${formatTime(time, language)}</time>${
          entry.state ? html` · <span class="state" data-state=${entry.state}>${t(`message.${entry.state}`)}</span>` : nothing
        }</span>
        ${
          failed && entry.kind === 'unsent'
            ? html`<span class="acts">${[true, false].map(
                (retry) => html`<button type="button" part="message-action"
          @click=${() => act(entry.entry.clientId, retry)}>${t(retry ? 'message.retry' : 'message.delete')}</button>`,
              )}</span>`
            : nothing
        }
      </div>`);
  }
  return out;
}
