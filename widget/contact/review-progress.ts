/**
 * `<clinic-chat-review>`: what a patient sees of a complaint (issue 13 §1, R13) — the
 * review it is about, the clinic's status steps reached so far with their times, and the
 * "My problem is solved" / "Not yet" buttons, then an optional 1–5 rating and comment.
 * It rides in the contact chunk (rendered by `<clinic-chat-contact>`), so the chat chunk,
 * at its first-message budget, carries none of it. It follows the client's `change`
 * events itself: the panel does not re-render its children for a thread update.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { PatientThread } from '../../protocol/model.ts';
import { pickLocale } from '../../protocol/locales.ts';
import type { ClinicChatClient } from '../client/clinic-chat-client.ts';

const WORDS = {
  en: {
    review: 'Your review',
    progress: 'Progress',
    solved: 'My problem is solved',
    notYet: 'Not yet',
    notYetNote: 'Thank you — the clinic keeps working on it.',
    thanks: 'Thank you! Your problem is marked as solved.',
    rate: 'Rate the conversation',
    stars: '{n} of 5',
    comment: 'Comment (optional)',
    send: 'Send rating',
    rated: 'Thank you for your rating.',
    failed: 'Could not send. Try again.',
  },
  ru: {
    review: 'Ваш отзыв',
    progress: 'Ход рассмотрения',
    solved: 'Моя проблема решена',
    notYet: 'Пока нет',
    notYetNote: 'Спасибо — клиника продолжает работу.',
    thanks: 'Спасибо! Проблема отмечена как решённая.',
    rate: 'Оцените разговор',
    stars: '{n} из 5',
    comment: 'Комментарий (необязательно)',
    send: 'Отправить оценку',
    rated: 'Спасибо за оценку.',
    failed: 'Не удалось отправить. Попробуйте ещё раз.',
  },
} as const;

const RATINGS = [1, 2, 3, 4, 5] as const;

export class ClinicChatReview extends LitElement {
  static override properties = {
    client: { attribute: false },
    language: { attribute: 'lang' },
    _rating: { state: true },
    _busy: { state: true },
    _failed: { state: true },
  };

  static override styles = css`
    :host { display: block; margin-bottom: 8px; }
    .box { display: flex; flex-direction: column; gap: 6px; padding: 10px; border: 1px solid #e3e6e8; border-radius: 12px; }
    ol { margin: 0; padding: 0 0 0 18px; }
    li { color: #5f6b70; }
    li[aria-current] { color: inherit; font-weight: 600; }
    time { font-weight: 400; color: #5f6b70; margin-left: 6px; }
    fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 6px; flex-wrap: wrap; }
    textarea { font: inherit; padding: 6px 9px; border: 1px solid #8a9296; border-radius: 8px; }
    p { margin: 0; }
    h3 { margin: 0; font-size: inherit; }
  `;

  declare client: ClinicChatClient | null;
  declare language: string | null;
  declare _rating: number;
  declare _busy: boolean;
  declare _failed: boolean;
  private off_: (() => void) | null = null;

  constructor() {
    super();
    this.client = null;
    this.language = null;
    this._rating = 0;
    this._busy = false;
    this._failed = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.listen_();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.off_?.();
    this.off_ = null;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('client')) this.listen_();
  }

  override render() {
    const thread = this.client?.thread;
    if (!thread || (!thread.review && !thread.steps)) return nothing;
    const lang = pickLocale(this.language);
    const w = WORDS[lang];
    const steps = thread.steps ?? [];
    const time = (at: number) =>
      html`<time datetime=${new Date(at).toISOString()}>${new Date(at).toLocaleString(lang, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}</time>`;
    return html`
      <section class="box" part="review" aria-label=${w.progress}>
        ${thread.review ? html`<p><a href=${thread.review.url} target="_blank" rel="noopener noreferrer">${w.review}</a> · ${thread.review.rating}/5</p>` : nothing}
        ${
          steps.length > 0
            ? html`<h3>${w.progress}</h3>
          <ol part="review-steps">${steps.map((step, i) => html`<li aria-current=${i === steps.length - 1 ? 'step' : nothing}>${step.label[lang]}${time(step.at)}</li>`)}</ol>`
            : nothing
        }
        ${this.answer_(thread, w)}
        ${this._failed ? html`<p role="alert">${w.failed}</p>` : nothing}
      </section>`;
  }

  private answer_(thread: PatientThread, w: (typeof WORDS)[keyof typeof WORDS]) {
    const solution = thread.solution;
    if (solution?.solved) {
      if (solution.rating !== null) return html`<p role="status">${w.rated}</p>`;
      return html`
        <p role="status">${w.thanks}</p>
        <form part="review-rating" aria-label=${w.rate} @submit=${this.rate_}>
          <fieldset>
            <legend>${w.rate}</legend>
            ${RATINGS.map(
              (n) => html`<label><input type="radio" name="rating" .value=${String(n)} .checked=${this._rating === n}
                @change=${() => (this._rating = n)} aria-label=${w.stars.replace('{n}', String(n))}>${n}</label>`,
            )}
          </fieldset>
          <label>${w.comment}<br><textarea name="comment" rows="2" maxlength="1000"></textarea></label>
          <button type="submit" ?disabled=${this._busy || this._rating === 0}>${w.send}</button>
        </form>`;
    }
    const current = thread.steps?.at(-1);
    // "Not yet" answers a proposed solution, once per proposal.
    const offerNotYet = current?.solution && !(solution && solution.at >= current.at);
    return html`
      ${solution && !solution.solved ? html`<p role="status">${w.notYetNote}</p>` : nothing}
      <div>
        <button type="button" ?disabled=${this._busy} @click=${() => this.answerWith_({ solved: true })}>${w.solved}</button>
        ${offerNotYet ? html`<button type="button" ?disabled=${this._busy} @click=${() => this.answerWith_({ solved: false })}>${w.notYet}</button>` : nothing}
      </div>`;
  }

  private rate_ = (event: Event) => {
    event.preventDefault();
    const comment = (event.target as HTMLFormElement).querySelector('textarea')!.value.trim();
    void this.answerWith_({ solved: true, rating: this._rating, ...(comment ? { comment } : {}) });
  };

  private async answerWith_(answer: { solved: boolean; rating?: number; comment?: string }): Promise<void> {
    const client = this.client;
    const thread = client?.thread;
    if (!client || !thread || this._busy) return;
    this._busy = true;
    this._failed = false;
    try {
      await client.resolve({ threadId: thread.id, ...answer });
    } catch {
      // The relay's refusal or a lost connection: the patient may press again.
      this._failed = true;
    } finally {
      this._busy = false;
    }
  }

  private listen_(): void {
    this.off_?.();
    this.off_ = this.isConnected && this.client ? this.client.on('change', () => this.requestUpdate()) : null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clinic-chat-review': ClinicChatReview;
  }
}
