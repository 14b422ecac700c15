import { LitElement, css, html, nothing } from 'lit';
import type { Me } from '../../protocol/http.ts';
import { ClientError, asClientError } from '../../widget/client/client-core.ts';
import { signIn } from '../api/http-session.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { ActionTask } from './action-task.ts';
import { theme } from './theme.ts';

/**
 * The sign-in form. Any refusal of the credentials shows one message that does not
 * say whether the email or the password was wrong. Fires `signed-in` with the session.
 */
export class SignInForm extends LitElement {
  static override properties = {
    notice: { attribute: false },
    _codeStep: { state: true },
  };

  declare notice: MessageKey | null;
  /** The password was right and the member has a second factor: the form asks for the code. */
  declare _codeStep: boolean;
  /** The credentials of the code step, kept only until it ends. */
  #credentials: { email: string; password: string } | null = null;
  readonly #signIn = new ActionTask(this);

  constructor() {
    super();
    this.notice = null;
    this._codeStep = false;
  }

  static override styles = [
    theme,
    css`
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
  `,
  ];

  override render() {
    const error = this.#signIn.error;
    const busy = this.#signIn.busy;
    if (this._codeStep) return this.#renderCodeStep(error, busy);
    return html`
      <main>
        <form @submit=${this.#submit} novalidate>
          <h1>${t('signIn.heading')}</h1>
          ${this.notice && !error ? html`<p class="notice" role="status">${t(this.notice)}</p>` : nothing}
          <label for="email">${t('signIn.email')}</label>
          <input id="email" name="email" type="email" autocomplete="username" required ?disabled=${busy}>
          <label for="password">${t('signIn.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required ?disabled=${busy}>
          <p class="error" role="alert">${error ? t(reasonKey(error)) : nothing}</p>
          <button class="primary" type="submit" ?disabled=${busy}>${busy ? t('signIn.busy') : t('signIn.submit')}</button>
        </form>
      </main>
    `;
  }

  #renderCodeStep(error: unknown, busy: boolean) {
    return html`
      <main>
        <form @submit=${this.#submitCode} novalidate>
          <h1>${t('signIn.heading')}</h1>
          <label for="code">${t('signIn.code')}</label>
          <input id="code" name="code" autocomplete="one-time-code" inputmode="text" required ?disabled=${busy}>
          <p class="error" role="alert">${error ? t(reasonKey(error, 'signIn.codeFailed')) : nothing}</p>
          <button class="primary" type="submit" ?disabled=${busy}>${busy ? t('signIn.busy') : t('signIn.verify')}</button>
          <button type="button" @click=${this.#startOver}>${t('signIn.startOver')}</button>
        </form>
      </main>
    `;
  }

  async #submitCode(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const code = String(new FormData(form).get('code') ?? '').trim();
    const credentials = this.#credentials;
    const signedIn = await this.#signIn.run(async () => {
      if (!credentials || !code) throw new ClientError('AUTH_FAILED', 'A code is required.');
      const me: Me = await signIn(credentials.email, credentials.password, code);
      this.#credentials = null;
      this.dispatchEvent(new CustomEvent<Me>('signed-in', { detail: me, bubbles: true, composed: true }));
    });
    if (!signedIn) (form.elements.namedItem('code') as HTMLInputElement | null)?.select();
  }

  #startOver(): void {
    this.#credentials = null;
    this.#signIn.clear();
    this._codeStep = false;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const signedIn = await this.#signIn.run(async () => {
      // Missing fields get the same answer as wrong ones, without asking the relay.
      if (!email || !password) throw new ClientError('AUTH_FAILED', 'Email and password are required.');
      try {
        const me: Me = await signIn(email, password);
        this.dispatchEvent(new CustomEvent<Me>('signed-in', { detail: me, bubbles: true, composed: true }));
      } catch (error) {
        if (asClientError(error).code !== 'TWO_FACTOR_REQUIRED') throw error;
        // The code step's words are fetched only by members with a second factor.
        await import('../i18n/sign-in-code-words.ts');
        this.#credentials = { email, password };
        this._codeStep = true;
      }
    });
    if (!signedIn) (form.elements.namedItem('password') as HTMLInputElement | null)?.select();
  }
}

/** One message for every refusal of the credentials (or of the code): it never says which part was wrong. */
function reasonKey(error: unknown, failed: MessageKey = 'signIn.failed'): MessageKey {
  const code = asClientError(error).code;
  return code === 'RATE_LIMITED' ? 'signIn.rateLimited' : code === 'OFFLINE' || code === 'UNAVAILABLE' || code === 'INTERNAL' ? 'signIn.unavailable' : failed;
}

customElements.define('cc-sign-in', SignInForm);

declare global {
  interface HTMLElementTagNameMap {
    'cc-sign-in': SignInForm;
  }
}
