/**
 * How one message looks. Text is always interpolated as text: Lit escapes it, so a
 * patient's `<img onerror>` shows as characters, never as markup.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { StaffId } from '../../protocol/ids.ts';
import type { Message, SystemEvent } from '../../protocol/model.ts';
import { t } from '../i18n/index.ts';
import { longTime, shortTime } from './format.ts';

export interface MessageContext {
  me: StaffId;
  patientName: string;
  /** Show "seen by the patient" under this message. */
  seen: boolean;
  /** The message a search hit jumped to: marked, and focusable so focus can land on it. */
  target: boolean;
}

function systemText(event: SystemEvent): string {
  if (event.kind === 'status') return t('system.status', { by: event.by.name, status: t(`status.${event.status}`) });
  return event.assignee ? t('system.assigned', { by: event.by.name, name: event.assignee.name }) : t('system.unassigned', { by: event.by.name });
}

const time = (at: number) => html`<time datetime=${new Date(at).toISOString()} title=${longTime(at)}>${shortTime(at)}</time>`;

export function renderMessage(message: Message, context: MessageContext): TemplateResult {
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
      <span class="author">${name}</span> · ${time(message.at)}
    </div>
    <p class="text">${message.text}</p>
    ${context.seen ? html`<div class="seen">${t('conversation.seen')}</div>` : nothing}
  </li>`;
}
