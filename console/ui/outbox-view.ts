import { LitElement, css, html, nothing } from 'lit';
import type { OutboxItem } from '../../protocol/http.ts';
import { fetchOutbox } from '../api/http-session.ts';
import { t } from '../i18n/index.ts';
import '../i18n/outbox-words.ts';
import { ActionTask } from './action-task.ts';
import { longTime, refusal } from './format.ts';
import { theme } from './theme.ts';

/**
 * The owner's outbox (`#/outbox`), while the relay runs its local mail catcher (`npm start`
 * without SMTP_URL): every mail and SMS the relay "sent", newest first, with channel,
 * recipient, subject, time and text, so a newcomer sees the whole notification flow.
 * Loaded when shown and on Refresh.
 */
export class OutboxView extends LitElement {
  static override properties = { _items: { state: true } };

  declare _items: readonly OutboxItem[] | null;
  readonly #action = new ActionTask(this);

  constructor() {
    super();
    this._items = null;
  }

  static override styles = [
    theme,
    css`
    :host { display: block; padding: 1rem 1.25rem; overflow-y: auto; background: var(--cc-background); }
    .top { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
    h2 { font-size: 1.1rem; margin: 0; flex: 1; }
    .hint { color: var(--cc-muted); margin: 0.35rem 0 1rem; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
    li { background: var(--cc-surface); border: 1px solid var(--cc-border); border-radius: var(--cc-radius); padding: 0.6rem 0.8rem; }
    .head { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; align-items: baseline; }
    .channel { font-weight: 700; }
    .when { color: var(--cc-muted); font-size: 0.85rem; }
    h3 { font-size: 0.95rem; margin: 0.35rem 0 0; }
    pre { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; margin: 0.35rem 0 0; }
    .error { color: var(--cc-danger); }
  `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  override render() {
    const items = this._items;
    return html`<section aria-labelledby="outbox-heading">
      <div class="top">
        <h2 id="outbox-heading">${t('outbox.heading')}</h2>
        <button ?disabled=${this.#action.busy} @click=${() => void this.#load()}>${t('outbox.refresh')}</button>
      </div>
      <p class="hint">${t('outbox.hint')}</p>
      <p class="error" role="alert">${this.#action.error ? refusal(this.#action.error) : nothing}</p>
      ${
        items === null
          ? html`<p role="status">${t('app.loading')}</p>`
          : items.length === 0
            ? html`<p role="status">${t('outbox.empty')}</p>`
            : html`<ol aria-label=${t('outbox.list')}>${items.map((item) => this.#item(item))}</ol>`
      }
    </section>`;
  }

  #item(item: OutboxItem) {
    return html`<li>
      <div class="head">
        <span class="channel">${t(item.channel === 'email' ? 'outbox.email' : 'outbox.sms')}</span>
        <span class="to">${t('outbox.to', { to: item.to })}</span>
        <time class="when" datetime=${new Date(item.at).toISOString()}>${longTime(item.at)}</time>
      </div>
      ${item.subject ? html`<h3>${item.subject}</h3>` : nothing}
      <pre>${item.text}</pre>
    </li>`;
  }

  async #load(): Promise<void> {
    await this.#action.run(async (signal) => {
      this._items = (await fetchOutbox(signal)).items;
    });
  }
}

customElements.define('cc-outbox', OutboxView);

declare global {
  interface HTMLElementTagNameMap {
    'cc-outbox': OutboxView;
  }
}
