/**
 * How one message looks. Text is always interpolated as text: Lit escapes it, so a
 * patient's `<img onerror>` shows as characters, never as markup. Addresses become links
 * built by Lit (the widget's linked-text.ts: one rule for both sides).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { StaffId, StreamId, ThreadId } from '../../protocol/ids.ts';
import type { BookingOutcome } from '../../protocol/booking-rules.ts';
import type { AttachmentRef } from '../../protocol/attachments.ts';
import type { Message, SystemEvent } from '../../protocol/model.ts';
import { t } from '../i18n/index.ts';
import { longTime, shortTime } from './format.ts';
import { linkedText } from '../../widget/element/linked-text.ts';
import type { FileUrl } from '../../widget/attach/attachment-list.ts';
import { loadAttachments } from './load-attachments.ts';

export interface MessageContext {
  me: StaffId;
  patientName: string;
  /** Show "seen by the patient" under this message. */
  seen: boolean;
  /** Signed URLs of the message's files. */
  fileUrl: FileUrl | null;
  /** The message a search hit jumped to: marked, and focusable so focus can land on it. */
  target: boolean;
  /** For a booking request: staff's answer, once given (bookingOutcomes). */
  outcome?: BookingOutcome | undefined;
}

/** Each answered booking request's outcome, from the answers' system messages in `messages`. */
export const bookingOutcomes = (messages: readonly Message[]): Map<StreamId, BookingOutcome> =>
  new Map(messages.flatMap((m) => (m.type === 'system' && m.event.kind === 'booking' ? [[m.event.request, m.event.outcome] as const] : [])));

/** A booking request or the answer to it (issue 13 §3): the card's code is fetched now. */
function booking(message: Message, outcome: BookingOutcome | undefined): TemplateResult {
  void import('./booking-card.ts');
  return html`<li class="booking" data-id=${message.id}><cc-booking-card .message=${message} .outcome=${outcome}></cc-booking-card></li>`;
}

function systemText(event: SystemEvent): string {
  // The clinic's away message (issue 13 §3): its own words, in the patient's language.
  if (event.kind === 'away') return event.text;
  if (event.kind === 'status') return t('system.status', { by: event.by.name, status: t(`status.${event.status}`) });
  // Booking answers are drawn by booking-card.ts.
  if (event.kind === 'booking') return '';
  return event.assignee ? t('system.assigned', { by: event.by.name, name: event.assignee.name }) : t('system.unassigned', { by: event.by.name });
}

/** A message's files: `<cc-attachments>`, whose code is fetched now if it is not yet. */
function files(refs: AttachmentRef[], threadId: ThreadId, fileUrl: FileUrl | null): TemplateResult {
  void loadAttachments();
  return html`<cc-attachments .refs=${refs} .threadId=${threadId} .fileUrl=${fileUrl}></cc-attachments>`;
}

const time = (at: number) => html`<time datetime=${new Date(at).toISOString()} title=${longTime(at)}>${shortTime(at)}</time>`;

export function renderMessage(message: Message, context: MessageContext): TemplateResult {
  if (message.type === 'booking' || (message.type === 'system' && message.event.kind === 'booking')) return booking(message, context.outcome);
  if (message.type === 'system') {
    return html`<li class="system">${systemText(message.event)} · ${time(message.at)}</li>`;
  }
  const author = message.author;
  const mine = author.kind === 'staff' && author.staff.id === context.me;
  const name = author.kind === 'patient' ? context.patientName : author.kind === 'staff' ? (mine ? t('message.you') : author.staff.name) : '';
  const side = author.kind === 'patient' ? 'patient' : 'staff';
  const note = message.type === 'note';
  return html`<li class="message ${side} ${note ? 'note' : ''} ${mine ? 'mine' : ''} ${context.target ? 'target' : ''}" data-id=${message.id} tabindex=${context.target ? -1 : nothing}>
    <div class="meta">
      ${note ? html`<strong class="note-label">${t('message.privateNote')}</strong> · ` : nothing}
      <bdi class="author">${name}</bdi> · ${time(message.at)}
    </div>
    <p class="text" dir="auto">${linkedText(message.text)}</p>
    ${message.attachments?.length ? files(message.attachments, message.threadId, context.fileUrl) : nothing}
    ${context.seen ? html`<div class="seen">${t('conversation.seen')}</div>` : nothing}
  </li>`;
}
