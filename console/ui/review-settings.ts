/**
 * The owner's complaint-work settings (issue 13), in the owner-tools chunk: the status
 * steps patients see (one per line: `id; Русский; English`, `*` at the end for the step
 * that proposes a solution), the writing-guidance switches and words, the clinic's API
 * keys (made here or by the CLI; a new key shown once) and webhook URL (its new signing
 * secret shown once), and the webhook's delivery log with a Replay button per event.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { WebhookDelivery } from '../../protocol/review-api.ts';
import type { StaffResults } from '../../protocol/events.ts';
import type { StatusStep } from '../../protocol/review-flow.ts';
import type { ReviewSettings } from '../../protocol/review-settings.ts';
import { DEFAULT_STATUS_STEPS } from '../../protocol/status-steps.ts';
import { GUIDANCE_RULES, type GuidanceRule } from '../../protocol/writing-guidance.ts';
import { locale, t } from '../i18n/index.ts';
import { REVIEW_SETTINGS_WORDS } from './review-settings-words.ts';
import type { ReviewTools } from '../state/review-tools.ts';
import { ActionTask } from './action-task.ts';
import { dialogStyles } from './dialog-styles.ts';
import { longTime, refusal } from './format.ts';
import { theme } from './theme.ts';

const w = REVIEW_SETTINGS_WORDS[locale];

const RULE_WORDS = {
  'personal-data': w.rulePersonalData,
  'delete-review': w.ruleDeleteReview,
  'jargon': w.ruleJargon,
  'blame': w.ruleBlame,
  'no-greeting': w.ruleNoGreeting,
} as const satisfies Record<GuidanceRule, string>;

type ApiKeySummary = StaffResults['integration:keys']['keys'][number];

const stepLine = (step: StatusStep) => `${step.id}; ${step.label.ru}; ${step.label.en}${step.solution ? '; *' : ''}`;

/** Lines back to steps; the relay checks ids and lengths (a bad line comes back as BAD_REQUEST). */
function parseSteps(text: string): StatusStep[] {
  return text
    .split('\n')
    .map((line) => line.split(';').map((part) => part.trim()))
    .filter((parts) => parts[0])
    .map(([id = '', ru = '', en = '', mark]) => ({ id, label: { ru, en }, ...(mark === '*' ? { solution: true } : {}) }));
}

export class ReviewSettingsDialog extends LitElement {
  static override properties = {
    reviews: { attribute: false },
    _deliveries: { state: true },
    _keys: { state: true },
    _shown: { state: true },
    _url: { state: true },
    _saved: { state: true },
  };

  declare reviews: ReviewTools;
  declare _deliveries: readonly WebhookDelivery[];
  declare _keys: readonly ApiKeySummary[];
  /** A new key or signing secret, shown once until the dialog closes. */
  declare _shown: string;
  declare _url: string | null;
  declare _saved: boolean;
  readonly #action = new ActionTask(this);

  constructor() {
    super();
    this._deliveries = [];
    this._keys = [];
    this._shown = '';
    this._url = null;
    this._saved = false;
  }

  static override styles = [
    theme,
    dialogStyles,
    css`
      fieldset { display: grid; gap: 0.35rem; border: 1px solid var(--cc-border); border-radius: 6px; margin: 0.5rem 0 0; }
      legend { font-weight: 600; }
      label.check { display: flex; gap: 0.4rem; align-items: center; font-weight: normal; }
      table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
      th, td { text-align: left; padding: 0.2rem 0.4rem; border-bottom: 1px solid var(--cc-border); }
      .saved { color: var(--cc-muted); margin: 0; }
    `,
  ];

  override render() {
    const settings: ReviewSettings = this.reviews.settings ?? { steps: [...DEFAULT_STATUS_STEPS], guidance: { everyThread: false, off: [], jargon: [] } };
    return html`
      <button @click=${this.#open}>${w.manage}</button>
      <dialog aria-labelledby="reviews-heading">
        <div class="top">
          <h2 id="reviews-heading">${w.heading}</h2>
          <button @click=${() => this.#dialog?.close()}>${t('clinic.close')}</button>
        </div>
        <form @submit=${this.#save} @input=${() => (this._saved = false)}>
          <label for="review-steps">${w.steps}</label>
          <p class="hint" id="review-steps-hint">${w.stepsHint}</p>
          <textarea id="review-steps" name="steps" rows="5" aria-describedby="review-steps-hint" .value=${settings.steps.map(stepLine).join('\n')}></textarea>
          <fieldset>
            <legend>${w.guidance}</legend>
            ${GUIDANCE_RULES.map(
              (rule) =>
                html`<label class="check"><input type="checkbox" name="rule" value=${rule} .checked=${!settings.guidance.off.includes(rule)}> ${RULE_WORDS[rule]}</label>`,
            )}
            <label class="check"><input type="checkbox" name="everyThread" .checked=${settings.guidance.everyThread}> ${w.everyThread}</label>
            <label for="review-jargon">${w.jargon}</label>
            <textarea id="review-jargon" name="jargon" rows="3" .value=${settings.guidance.jargon.join('\n')}></textarea>
          </fieldset>
          <p class="error" role="alert">${this.#action.error ? refusal(this.#action.error) : nothing}</p>
          <div class="actions">
            <button class="primary" type="submit" ?disabled=${this.#action.busy}>${t('clinic.save')}</button>
            <p class="saved" role="status">${this._saved ? t('clinic.saved') : nothing}</p>
          </div>
        </form>
        ${this.#renderIntegration()}
        ${this.#renderDeliveries()}
      </dialog>`;
  }

  #renderIntegration() {
    return html`<section aria-labelledby="integration-heading">
      <h3 id="integration-heading">${w.integration}</h3>
      <ul>${this._keys.map(
        (key) => html`<li>${key.label ?? w.noLabel} · ${longTime(key.createdAt)}
          <button aria-label=${w.revokeKey.replace('{label}', key.label ?? key.keyId)} @click=${() => this.#revoke(key.keyId)}>${w.revoke}</button></li>`,
      )}</ul>
      <form @submit=${this.#createKey}>
        <label for="key-label">${w.keyLabel}</label>
        <input id="key-label" name="label" required maxlength="80">
        <button type="submit" ?disabled=${this.#action.busy}>${w.createKey}</button>
      </form>
      <form @submit=${this.#setWebhook}>
        <label for="webhook-url">${w.webhookUrl}</label>
        <input id="webhook-url" name="url" type="url" required .value=${this._url ?? ''}>
        <button type="submit" ?disabled=${this.#action.busy}>${w.setWebhook}</button>
      </form>
      <p><output>${this._shown}</output></p>
    </section>`;
  }

  async #refreshKeys(): Promise<void> {
    this._keys = await this.reviews.keys();
  }

  #createKey = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const label = String(new FormData(form).get('label') ?? '').trim();
    await this.#action.run(async () => {
      const { key } = await this.reviews.createKey(label);
      this._shown = w.newKey.replace('{key}', key);
      form.reset();
      await this.#refreshKeys();
    });
  };

  async #revoke(keyId: string): Promise<void> {
    await this.#action.run(async () => {
      await this.reviews.revokeKey(keyId);
      await this.#refreshKeys();
    });
  }

  #setWebhook = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const url = String(new FormData(event.currentTarget as HTMLFormElement).get('url') ?? '').trim();
    await this.#action.run(async () => {
      this._shown = w.newSecret.replace('{secret}', await this.reviews.setWebhook(url));
    });
    await this.#loadDeliveries();
  };

  #renderDeliveries() {
    return html`<section aria-labelledby="deliveries-heading">
      <h3 id="deliveries-heading">${w.deliveries}</h3>
      <p>${this._url ?? w.noWebhook}</p>
      <button @click=${this.#loadDeliveries}>${w.refresh}</button>
      ${
        this._deliveries.length > 0
          ? html`<table>
        <thead><tr><th>${w.when}</th><th>${w.event}</th><th>${w.attempt}</th><th>${w.status}</th><th></th></tr></thead>
        <tbody>${this._deliveries.map(
          (d) => html`<tr>
            <td>${longTime(d.at)}</td><td>${d.type}</td><td>${d.attempt}</td><td>${d.status ?? '—'} · ${d.outcome}</td>
            <td><button aria-label=${w.replayEvent.replace('{type}', d.type).replace('{attempt}', String(d.attempt))} @click=${() => this.#replay(d.eventId)}>${w.replay}</button></td>
          </tr>`,
        )}</tbody>
      </table>`
          : nothing
      }
    </section>`;
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  async #open(): Promise<void> {
    this.#dialog?.showModal();
    this._saved = false;
    this._shown = '';
    await this.#action.run(() => Promise.all([this.reviews.refresh(), this.#refreshKeys()]));
    await this.#loadDeliveries();
  }

  #loadDeliveries = async (): Promise<void> => {
    await this.#action.run(async () => {
      const { url, deliveries } = await this.reviews.deliveries();
      this._url = url;
      this._deliveries = deliveries;
    });
  };

  async #replay(eventId: string): Promise<void> {
    await this.#action.run(() => this.reviews.replay(eventId));
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const on = new Set(data.getAll('rule').map(String));
    const changes = {
      steps: parseSteps(String(data.get('steps') ?? '')),
      guidance: {
        everyThread: data.has('everyThread'),
        off: GUIDANCE_RULES.filter((rule) => !on.has(rule)),
        jargon: String(data.get('jargon') ?? '')
          .split('\n')
          .map((word) => word.trim())
          .filter(Boolean),
      },
    };
    this._saved = await this.#action.run(() => this.reviews.update(changes));
  }
}

customElements.define('cc-review-settings', ReviewSettingsDialog);

declare global {
  interface HTMLElementTagNameMap {
    'cc-review-settings': ReviewSettingsDialog;
  }
}
