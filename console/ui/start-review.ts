/**
 * "Start a conversation about a review" (issue 13 §1) for the complaints manager and the
 * owner, fetched only by those roles: the review's link, id and rating, where to invite
 * the patient, and the clinic's first message. The relay applies the server API's rules
 * (negative reviews only, one conversation per review) and assigns the thread to the
 * one who started it; the console then opens it.
 */
import { LitElement, css, html, nothing } from 'lit';
import { LINK_PATHS } from '../../protocol/links.ts';
import type { ThreadId } from '../../protocol/ids.ts';
import { REVIEW_NEGATIVE_MAX } from '../../protocol/review-limits.ts';
import { locale, t } from '../i18n/index.ts';
import type { ReviewTools } from '../state/review-tools.ts';
import { ActionTask } from './action-task.ts';
import { dialogStyles } from './dialog-styles.ts';
import { refusal } from './format.ts';
import { theme } from './theme.ts';

/** Its own words: this chunk is fetched by few, so the main bundle carries none of them. */
const WORDS = {
  en: {
    open: 'Start a conversation about a review',
    heading: 'Start a conversation about a review',
    url: 'Review link',
    id: 'Review id on the site',
    rating: 'Review rating',
    email: 'Patient e-mail for the invitation',
    phone: 'Patient phone for the invitation',
    message: 'First message',
    start: 'Start the conversation',
  },
  ru: {
    open: 'Начать разговор по отзыву',
    heading: 'Начать разговор по отзыву',
    url: 'Ссылка на отзыв',
    id: 'Id отзыва на сайте',
    rating: 'Оценка в отзыве',
    email: 'E-mail пациента для приглашения',
    phone: 'Телефон пациента для приглашения',
    message: 'Первое сообщение',
    start: 'Начать разговор',
  },
} as const;
const w = WORDS[locale];

const RATINGS = Array.from({ length: REVIEW_NEGATIVE_MAX }, (_, i) => i + 1);

export class StartReviewDialog extends LitElement {
  static override properties = { reviews: { attribute: false } };

  declare reviews: ReviewTools;
  readonly #action = new ActionTask(this);

  static override styles = [theme, dialogStyles, css``];

  override render() {
    return html`
      <button @click=${() => this.renderRoot.querySelector('dialog')?.showModal()}>${w.open}</button>
      <dialog aria-labelledby="start-review-heading">
        <div class="top">
          <h2 id="start-review-heading">${w.heading}</h2>
          <button @click=${() => this.renderRoot.querySelector('dialog')?.close()}>${t('clinic.close')}</button>
        </div>
        <form @submit=${this.#start}>
          <label for="review-url">${w.url}</label>
          <input id="review-url" name="url" type="url" required pattern="https?://.+">
          <label for="review-id">${w.id}</label>
          <input id="review-id" name="id" required maxlength="128">
          <label for="review-rating">${w.rating}</label>
          <select id="review-rating" name="rating">${RATINGS.map((n) => html`<option value=${n}>${n}</option>`)}</select>
          <label for="review-email">${w.email}</label>
          <input id="review-email" name="email" type="email">
          <label for="review-phone">${w.phone}</label>
          <input id="review-phone" name="phone" type="tel">
          <label for="review-message">${w.message}</label>
          <textarea id="review-message" name="message" required></textarea>
          <p class="error" role="alert">${this.#action.error ? refusal(this.#action.error) : nothing}</p>
          <div class="actions"><button class="primary" type="submit" ?disabled=${this.#action.busy}>${w.start}</button></div>
        </form>
      </dialog>`;
  }

  async #start(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    let threadId: string | null = null;
    const done = await this.#action.run(async () => {
      const conversation = await this.reviews.start({
        review: { id: text('id'), url: text('url'), rating: Number(text('rating')) },
        contact: { ...(text('email') ? { email: text('email') } : {}), ...(text('phone') ? { phone: text('phone') } : {}) },
        message: text('message'),
      });
      threadId = conversation.threadId;
    });
    if (!done || !threadId) return;
    form.reset();
    this.renderRoot.querySelector('dialog')?.close();
    location.hash = new URL(LINK_PATHS.consoleThread(threadId as ThreadId), location.origin).hash;
  }
}

customElements.define('cc-start-review', StartReviewDialog);

declare global {
  interface HTMLElementTagNameMap {
    'cc-start-review': StartReviewDialog;
  }
}
