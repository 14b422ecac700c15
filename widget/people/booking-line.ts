/**
 * `<clinic-chat-booking-line>`: a booking request in the patient's conversation (their
 * own, with the day, time and phone they gave) and the clinic's answer to it (issue 13 §3).
 */
import { LitElement, css, html, nothing } from 'lit';
import type { Message } from '../../protocol/model.ts';
import { wordsFor } from './client-bound.ts';
import { fill } from '../attach/file-size.ts';

export class BookingLine extends LitElement {
  static override properties = { message: { attribute: false } };
  declare message: Message | null;

  constructor() {
    super();
    this.message = null;
  }

  static override styles = css`
    :host { display: block; }
    p { margin: 4px 0; font-size: 13px; }
    .request { margin-left: auto; max-width: 85%; width: fit-content; padding: 8px 12px; border-radius: 12px; background: var(--_accent, #0b6e4f); color: #fff; }
    .outcome { text-align: center; color: #5f6b73; font-size: 12.5px; }
    .declined { color: #b3261e; }
  `;

  override render() {
    const message = this.message;
    const words = wordsFor(this);
    if (message?.type === 'booking') {
      const { day, time, phone } = message.booking;
      const language = this.closest('[lang]')?.getAttribute('lang') ?? 'en';
      const when = new Date(`${day}T${time}`).toLocaleString(language, { dateStyle: 'long', timeStyle: 'short' });
      return html`<p class="request" part="booking-line">📅 ${fill(words.request, { when })} · <bdi>${phone}</bdi></p>`;
    }
    if (message?.type === 'system' && message.event.kind === 'booking') {
      const { outcome } = message.event;
      return html`<p class="outcome ${outcome}" part="booking-outcome" role="status">${words[outcome]}</p>`;
    }
    return nothing;
  }
}
