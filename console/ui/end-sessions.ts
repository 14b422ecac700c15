import { LitElement, css, html, nothing } from 'lit';
import type { ThreadId } from '../../protocol/ids.ts';
import { t } from '../i18n/index.ts';
import '../i18n/patient-actions-words.ts';
import type { Workspace } from '../state/workspace.ts';
import { ActionTask } from './action-task.ts';
import { refusal } from './format.ts';

/**
 * "Sign the patient out on all devices" in the patient panel (`patient:end-sessions`):
 * for a lost phone or a shared computer. Says when it is done; a new thread clears that.
 * A refusal's alert is inserted with its text (an alert is announced when it appears), so
 * the panel holds no empty alert beside send-link's.
 */
export class EndSessionsButton extends LitElement {
  static override properties = {
    workspace: { attribute: false },
    threadId: { attribute: false },
    _done: { state: true },
  };

  declare workspace: Workspace;
  declare threadId: ThreadId | null;
  declare _done: boolean;
  readonly #action = new ActionTask(this);

  constructor() {
    super();
    this.threadId = null;
    this._done = false;
  }

  static override styles = css`
    :host { display: grid; gap: 0.35rem; margin-top: 0.5rem; }
    button { font: inherit; text-align: left; border: 1px solid #d5dbe1; background: #fff; border-radius: 6px; padding: 0.35rem 0.75rem; cursor: pointer; }
    p { margin: 0; font-size: 0.9rem; }
    .error { color: #a4161a; }
  `;

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('threadId') && changed.get('threadId') !== undefined) {
      this._done = false;
      this.#action.clear();
    }
  }

  override render() {
    const error = this.#action.error;
    return html`
      <button ?disabled=${this.#action.busy || !this.threadId} @click=${() => void this.#end()}>${t('patient.endSessions')}</button>
      <p role="status">${this._done ? t('patient.sessionsEnded') : nothing}</p>
      ${error !== undefined ? html`<p class="error" role="alert">${refusal(error)}</p>` : nothing}`;
  }

  async #end(): Promise<void> {
    const threadId = this.threadId;
    if (!threadId) return;
    this._done = await this.#action.run(() => this.workspace.endPatientSessions(threadId));
  }
}

customElements.define('cc-end-sessions', EndSessionsButton);

declare global {
  interface HTMLElementTagNameMap {
    'cc-end-sessions': EndSessionsButton;
  }
}
