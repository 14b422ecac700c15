import { LitElement, css, html } from 'lit';
import type { Me } from '../../protocol/http.ts';
import { currentSession, signOut } from '../api/http-session.ts';
import { locale, t, type MessageKey } from '../i18n/index.ts';
import { Workspace, type SessionEndReason } from '../state/workspace.ts';
import './sign-in-form.ts';
import './workspace-view.ts';

type Phase = 'checking' | 'unreachable' | 'signed-out' | 'signed-in';

/** The console's root: asks whether a session exists, then shows sign-in or the workspace. */
export class ConsoleApp extends LitElement {
  static override properties = {
    _phase: { state: true },
    _notice: { state: true },
  };

  declare _phase: Phase;
  declare _notice: MessageKey | null;
  #workspace: Workspace | null = null;

  constructor() {
    super();
    this._phase = 'checking';
    this._notice = null;
  }

  static override styles = css`
    :host { display: block; min-height: 100vh; font-family: system-ui, sans-serif; }
    .center { display: grid; place-items: center; min-height: 100vh; gap: 0.5rem; }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = locale;
    document.title = t('app.title');
    void this.#check();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#workspace?.dispose();
    this.#workspace = null;
  }

  override render() {
    switch (this._phase) {
      case 'checking':
        return html`<main class="center"><p role="status">${t('app.loading')}</p></main>`;
      case 'unreachable':
        return html`<main class="center">
          <p role="alert">${t('app.unreachable')}</p>
          <button @click=${() => void this.#check()}>${t('app.retry')}</button>
        </main>`;
      case 'signed-out':
        return html`<cc-sign-in .notice=${this._notice} @signed-in=${(e: CustomEvent<Me>) => this.#start(e.detail)}></cc-sign-in>`;
      case 'signed-in':
        return html`<cc-workspace .workspace=${this.#workspace} @sign-out=${() => void this.#signOut()}></cc-workspace>`;
    }
  }

  async #check(): Promise<void> {
    this._phase = 'checking';
    try {
      const me = await currentSession();
      if (me) this.#start(me);
      else this._phase = 'signed-out';
    } catch (error) {
      console.warn('[console] session check failed', error);
      this._phase = 'unreachable';
    }
  }

  #start(me: Me): void {
    this.#workspace?.dispose();
    const workspace = new Workspace(me, (reason) => this.#end(workspace, reason));
    this.#workspace = workspace;
    workspace.start();
    this._notice = null;
    this._phase = 'signed-in';
  }

  #end(workspace: Workspace, reason: SessionEndReason): void {
    if (this.#workspace !== workspace) return;
    workspace.dispose();
    this.#workspace = null;
    // Still signed in, with another role: a new workspace shows what the new role may see.
    if (reason === 'role-changed') return void this.#check();
    this._notice = reason === 'signed-out' ? 'signIn.signedOut' : reason === 'deactivated' ? 'signIn.deactivated' : 'signIn.sessionEnded';
    this._phase = 'signed-out';
    document.title = t('app.title');
  }

  async #signOut(): Promise<void> {
    const workspace = this.#workspace;
    try {
      await signOut();
    } catch (error) {
      console.warn('[console] sign-out request failed', error);
    }
    if (workspace) this.#end(workspace, 'signed-out');
  }
}

customElements.define('cc-console-app', ConsoleApp);

declare global {
  interface HTMLElementTagNameMap {
    'cc-console-app': ConsoleApp;
  }
}
