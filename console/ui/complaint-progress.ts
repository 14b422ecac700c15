/**
 * A complaint's side of issue 13 in the conversation header: the review it is about, the
 * status steps the patient sees (with their times) and a picker for the next one, and
 * the patient's own answer — "solved" or "not yet", their rating and comment. Shown only
 * on a complaint or a thread with a review.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { StaffThread } from '../../protocol/model.ts';
import { DEFAULT_STATUS_STEPS } from '../../protocol/status-steps.ts';
import { asClientError } from '../../widget/client/client-core.ts';
import { locale, t } from '../i18n/index.ts';
import '../i18n/progress-words.ts';
import type { Workspace } from '../state/workspace.ts';
import { ActionTask } from './action-task.ts';
import { errorReason, longTime } from './format.ts';
import { StoreController } from './store-controller.ts';
import { theme } from './theme.ts';

export class ComplaintProgress extends LitElement {
  static override properties = {
    workspace: { attribute: false },
    thread: { attribute: false },
  };

  declare workspace: Workspace;
  declare thread: StaffThread;
  readonly #action = new ActionTask(this);
  /** The clinic's steps arrive after connecting (and change when the owner edits them). */
  readonly #settings = new StoreController(this);

  override willUpdate(): void {
    this.#settings.target = this.workspace.reviews;
  }

  static override styles = [
    theme,
    css`
      :host { display: block; font-size: 0.9rem; }
      section { display: flex; flex-wrap: wrap; align-items: center; gap: 0.35rem 0.75rem; }
      ol { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; margin: 0; padding: 0; list-style: none; }
      li[aria-current] { font-weight: 600; }
      time { color: var(--cc-muted); margin-left: 0.25rem; }
      select { font: inherit; padding: 0.25rem; border: 1px solid #8a96a3; border-radius: 6px; background: var(--cc-surface); }
      .error { color: var(--cc-danger); margin: 0.25rem 0 0; }
    `,
  ];

  override render() {
    const thread = this.thread;
    if (!thread.complaint && !thread.review) return nothing;
    const steps = thread.steps ?? [];
    const current = steps.at(-1)?.id ?? '';
    const solution = thread.solution;
    return html`<section aria-label=${t('progress.label')}>
        ${thread.review ? html`<a href=${thread.review.url} target="_blank" rel="noopener noreferrer">${t('progress.review', { rating: thread.review.rating })}</a>` : nothing}
        ${
          steps.length > 0
            ? html`<ol>${steps.map(
                (step, i) => html`<li aria-current=${i === steps.length - 1 ? 'step' : nothing}>${step.label[locale]}<time>${longTime(step.at)}</time></li>`,
              )}</ol>`
            : nothing
        }
        ${
          this.workspace.canWrite && thread.complaint
            ? html`<label>${t('progress.step')}
          <select ?disabled=${this.#action.busy} @change=${this.#step}>
            <option value="" ?selected=${!current} disabled>${t('progress.none')}</option>
            ${(this.workspace.reviews.settings?.steps ?? DEFAULT_STATUS_STEPS).map((step) => html`<option value=${step.id} ?selected=${step.id === current}>${step.label[locale]}</option>`)}
          </select></label>`
            : nothing
        }
        ${solution ? html`<strong role="status">${t(solution.solved ? 'progress.solved' : 'progress.notYet')}</strong>` : nothing}
        ${solution?.rating ? html`<span>${t('progress.rating', { rating: solution.rating })}</span>` : nothing}
        ${solution?.comment ? html`<span>${t('progress.comment', { comment: solution.comment })}</span>` : nothing}
      </section>
      ${this.#action.error ? html`<p class="error" role="alert">${t('actions.failed', { reason: errorReason(asClientError(this.#action.error).code) })}</p>` : nothing}`;
  }

  #step(event: Event): void {
    const stepId = (event.target as HTMLSelectElement).value;
    void this.#action.run(() => this.workspace.threads.setStep(this.thread.id, stepId));
  }
}

customElements.define('cc-complaint-progress', ComplaintProgress);

declare global {
  interface HTMLElementTagNameMap {
    'cc-complaint-progress': ComplaintProgress;
  }
}
