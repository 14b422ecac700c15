/**
 * Setting up one's own second factor (issue 10 §1), in a lazy chunk fetched when asked
 * for: a dialog shows a new TOTP key (and its otpauth link), takes the app's first code,
 * then shows the ten recovery codes once. Opens itself when connected.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { TwoFactorSetup } from '../../protocol/http.ts';
import { beginTwoFactor, enableTwoFactor } from '../api/http-session.ts';
import { t } from '../i18n/index.ts';
import '../i18n/two-factor-words.ts';
import { ActionTask } from './action-task.ts';
import { dialogStyles } from './dialog-styles.ts';
import { refusal } from './format.ts';
import { theme } from './theme.ts';

export class TwoFactorSetupDialog extends LitElement {
  static override properties = {
    _setup: { state: true },
    _codes: { state: true },
  };

  declare _setup: TwoFactorSetup | null;
  declare _codes: readonly string[] | null;
  readonly #action = new ActionTask(this);

  constructor() {
    super();
    this._setup = null;
    this._codes = null;
  }

  static override styles = [
    theme,
    dialogStyles,
    css`
    dialog { width: min(30rem, 94vw); }
    .key, ol { font-family: ui-monospace, monospace; overflow-wrap: anywhere; user-select: all; }
    ol { columns: 2; }
  `,
  ];

  override firstUpdated(): void {
    this.renderRoot.querySelector('dialog')?.showModal();
    void this.#action.run(async (signal) => {
      this._setup = await beginTwoFactor(signal);
    });
  }

  override render() {
    return html`<dialog aria-labelledby="two-factor-heading" @close=${this.#closed}>
      <h2 id="two-factor-heading">${t('twoFactor.heading')}</h2>
      ${this._codes ? this.#renderCodes(this._codes) : this.#renderSetup()}
      <p class="error" role="alert">${this.#action.error ? refusal(this.#action.error) : nothing}</p>
    </dialog>`;
  }

  #renderSetup() {
    const setup = this._setup;
    if (!setup) return html`<p role="status">${t('app.loading')}</p>`;
    return html`<p>${t('twoFactor.scan')}</p>
      <p>${t('twoFactor.key')}: <span class="key">${setup.secret}</span></p>
      <p><a href=${setup.uri}>${t('twoFactor.link')}</a></p>
      <form @submit=${this.#enable}>
        <label for="two-factor-code">${t('twoFactor.code')}</label>
        <input id="two-factor-code" name="code" autocomplete="one-time-code" inputmode="numeric" required pattern="[0-9]{6}" maxlength="6">
        <div class="actions"><button class="primary" type="submit" ?disabled=${this.#action.busy}>${t('twoFactor.enable')}</button></div>
      </form>`;
  }

  #renderCodes(codes: readonly string[]) {
    return html`<section aria-labelledby="recovery-heading">
      <h3 id="recovery-heading">${t('twoFactor.recoveryHeading')}</h3>
      <ol aria-labelledby="recovery-heading">${codes.map((code) => html`<li>${code}</li>`)}</ol>
      <p>${t('twoFactor.recoveryNote')}</p>
      <button @click=${() => this.renderRoot.querySelector('dialog')?.close()}>${t('twoFactor.done')}</button>
    </section>`;
  }

  async #enable(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget as HTMLFormElement).get('code') ?? '').trim();
    await this.#action.run(async (signal) => {
      this._codes = (await enableTwoFactor(code, signal)).recoveryCodes;
    });
  }

  /** The recovery codes leave the page with the dialog; the host decides what follows. */
  #closed(): void {
    const enabled = this._codes !== null;
    this._codes = null;
    this.dispatchEvent(new CustomEvent('two-factor-closed', { detail: { enabled }, bubbles: true, composed: true }));
  }
}

customElements.define('cc-two-factor-setup', TwoFactorSetupDialog);

declare global {
  interface HTMLElementTagNameMap {
    'cc-two-factor-setup': TwoFactorSetupDialog;
  }
}
