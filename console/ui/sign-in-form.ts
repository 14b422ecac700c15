import { LitElement, css, html, nothing } from 'lit';
import type { Me } from '../../protocol/http.ts';
import { errorCode } from '../api/console-error.ts';
import { signIn } from '../api/http-session.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { theme } from './theme.ts';

/**
 * The sign-in form. Any refusal of the credentials shows one message that does not
 * say whether the email or the password was wrong. Fires `signed-in` with the session.
 */
export class SignInForm extends LitElement {
  static override properties = {
    notice: { attribute: false },
    _error: { state: true },
    _busy: { state: true },
  };

  declare notice: MessageKey | null;
  declare _error: MessageKey | null;
  declare _busy: boolean;

  constructor() {
    super();
    this.notice = null;
    this._error = null;
    this._busy = false;
  }

  static override styles = [theme, css`
    :host { display: grid; place-items: center; min-height: 100vh; background: var(--cc-background); }
    form {
      display: grid; gap: 0.5rem; width: min(22rem, 92vw); padding: 1.5rem;
      background: var(--cc-surface); border: 1px solid var(--cc-border); border-radius: var(--cc-radius);
    }
    h1 { font-size: 1.25rem; margin: 0 0 0.5rem; }
    label { font-weight: 600; font-size: 0.9rem; }
    input { font: inherit; padding: 0.45rem 0.6rem; border: 1px solid #8a96a3; border-radius: 6px; }
    button { margin-top: 0.5rem; padding: 0.5rem; }
    .error { color: var(--cc-danger); margin: 0; }
    .notice { color: var(--cc-muted); margin: 0; }
  `];

  override render() {
    return html`
      <main>
        <form @submit=${this.#submit} novalidate>
          <h1>${t('signIn.heading')}</h1>
          ${this.notice && !this._error ? html`<p class="notice" role="status">${t(this.notice)}</p>` : nothing}
          <label for="email">${t('signIn.email')}</label>
          <input id="email" name="email" type="email" autocomplete="username" required ?disabled=${this._busy}>
          <label for="password">${t('signIn.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required ?disabled=${this._busy}>
          <p class="error" role="alert">${this._error ? t(this._error) : nothing}</p>
          <button class="primary" type="submit" ?disabled=${this._busy}>${this._busy ? t('signIn.busy') : t('signIn.submit')}</button>
        </form>
      </main>
    `;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!email || !password) {
      this._error = 'signIn.failed';
      return;
    }
    this._busy = true;
    this._error = null;
    try {
      const me: Me = await signIn(email, password);
      this.dispatchEvent(new CustomEvent<Me>('signed-in', { detail: me, bubbles: true, composed: true }));
    } catch (error) {
      const code = errorCode(error);
      this._error = code === 'RATE_LIMITED' ? 'signIn.rateLimited'
        : code === 'OFFLINE' || code === 'UNAVAILABLE' || code === 'INTERNAL' ? 'signIn.unavailable'
        : 'signIn.failed';
      (form.elements.namedItem('password') as HTMLInputElement | null)?.select();
    } finally {
      this._busy = false;
    }
  }
}

customElements.define('cc-sign-in', SignInForm);

declare global {
  interface HTMLElementTagNameMap { 'cc-sign-in': SignInForm }
}
