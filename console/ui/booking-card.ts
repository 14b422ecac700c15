/**
 * A booking request in a conversation (issue 13 §3, R5), in a chunk of its own: the day,
 * time and phone the patient gave, with "Confirm" and "Decline" — one click each, once;
 * after that the outcome. Also the line that records the answer. The click reaches the
 * workspace through a `cc-booking-decide` event the conversation view answers, so this
 * chunk needs no socket of its own.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { BookingOutcome } from '../../protocol/booking-rules.ts';
import type { Message } from '../../protocol/model.ts';
import { t } from '../i18n/index.ts';
import '../i18n/people-words.ts';
import type { Workspace } from '../state/workspace.ts';
import { ActionTask } from './action-task.ts';
import { refusal, shortTime } from './format.ts';

/** What the conversation view does with a decision: run it with its workspace. */
export type BookingDecide = (workspace: Workspace) => Promise<void>;

export class BookingCard extends LitElement {
  static override properties = {
    message: { attribute: false },
    outcome: { attribute: false },
  };

  declare message: Message;
  /** The answer recorded for this request, if any (from the conversation's system messages). */
  declare outcome: BookingOutcome | undefined;
  readonly #action = new ActionTask(this);

  static override styles = css`
    :host { display: block; }
    section { display: grid; gap: 0.3rem; max-width: 28rem; padding: 0.6rem 0.75rem; border: 1px solid #c9d2da; border-left: 4px solid #1d4ed8; border-radius: 8px; background: #fff; }
    h3 { margin: 0; font-size: 0.95rem; }
    p { margin: 0; }
    .actions { display: flex; gap: 0.5rem; }
    button { font: inherit; border: 1px solid #d5dbe1; background: #fff; border-radius: 6px; padding: 0.3rem 0.8rem; cursor: pointer; }
    .confirm { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
    .state { font-weight: 600; }
    .error { color: #a4161a; }
    .line { color: #55606b; font-size: 0.9rem; text-align: center; }
  `;

  override render() {
    const message = this.message;
    if (message.type === 'system' && message.event.kind === 'booking') {
      const { outcome, by } = message.event;
      return html`<p class="line">${t(outcome === 'confirmed' ? 'booking.confirmed' : 'booking.declined', { by: by.name })} · ${shortTime(message.at)}</p>`;
    }
    if (message.type !== 'booking') return nothing;
    const { day, time, phone } = message.booking;
    const error = this.#action.error;
    return html`<section aria-labelledby="title">
      <h3 id="title">${t('booking.request')}</h3>
      <p>${t('booking.when', { day, time })}</p>
      <p>${t('booking.phone')}: <a href="tel:${phone}">${phone}</a></p>
      ${
        this.outcome
          ? html`<p class="state" role="status">${t(`booking.done.${this.outcome}`)}</p>`
          : html`<p class="state">${t('booking.waiting')}</p>
            <div class="actions">
              <button class="confirm" ?disabled=${this.#action.busy} @click=${() => void this.#decide('confirmed')}>${t('booking.confirm')}</button>
              <button ?disabled=${this.#action.busy} @click=${() => void this.#decide('declined')}>${t('booking.decline')}</button>
            </div>`
      }
      ${error !== undefined ? html`<p class="error" role="alert">${refusal(error)}</p>` : nothing}
    </section>`;
  }

  async #decide(outcome: BookingOutcome): Promise<void> {
    const { threadId, id } = this.message;
    await this.#action.run(
      () =>
        new Promise<void>((resolve, reject) => {
          const decide: BookingDecide = (workspace) => workspace.threads.decideBooking(threadId, id, outcome).then(resolve, reject);
          const heard = this.dispatchEvent(new CustomEvent('cc-booking-decide', { detail: decide, bubbles: true, composed: true, cancelable: true }));
          if (heard) reject(new Error('no conversation view answered the booking decision'));
        }),
    );
  }
}

customElements.define('cc-booking-card', BookingCard);

declare global {
  interface HTMLElementTagNameMap {
    'cc-booking-card': BookingCard;
  }
}
