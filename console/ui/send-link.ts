import { LitElement, css, html, nothing } from 'lit';
import type { ThreadId } from '../../protocol/ids.ts';
import { asClientError } from '../../widget/client/client-core.ts';
import { t } from '../i18n/index.ts';
import '../i18n/patient-actions-words.ts';
import type { Workspace } from '../state/workspace.ts';
import { ActionTask } from './action-task.ts';
import { refusal } from './format.ts';

/**
 * "Send a link to continue the conversation" in the patient panel (`patient:send-link`):
 * the relay sends the thread's patient a fresh resume link by the contact they gave for
 * notices, and says by which channel; without one it refuses with CONTACT_MISSING, which
 * is said in words. What was sent stays on screen until another thread is shown.
 */
export class SendLinkButton extends LitElement {
  static override properties = {
    workspace: { attribute: false },
    threadId: { attribute: false },
    _sent: { state: true },
  };

  declare workspace: Workspace;
  declare threadId: ThreadId | null;
  declare _sent: 'email' | 'sms' | null;
  readonly #action = new ActionTask(this);

  constructor() {
    super();
    this.threadId = null;
    this._sent = null;
  }

  static override styles = css`
    :host { display: grid; gap: 0.35rem; margin-top: 1rem; }
    button { font: inherit; text-align: left; border: 1px solid #d5dbe1; background: #fff; border-radius: 6px; padding: 0.35rem 0.75rem; cursor: pointer; }
    p { margin: 0; font-size: 0.9rem; }
    .error { color: #a4161a; }
  `;

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('threadId') && changed.get('threadId') !== undefined) {
      this._sent = null;
      this.#action.clear();
    }
  }

  override render() {
    const error = this.#action.error;
    const missing = error !== undefined && asClientError(error).code === 'CONTACT_MISSING';
    return html`
      <button ?disabled=${this.#action.busy || !this.threadId} @click=${() => void this.#send()}>${t('patient.sendLink')}</button>
      <p role="status">${this._sent ? t(this._sent === 'email' ? 'patient.linkSent.email' : 'patient.linkSent.sms') : nothing}</p>
      <p class="error" role="alert">${missing ? t('patient.noContact') : error !== undefined ? refusal(error) : nothing}</p>`;
  }

  async #send(): Promise<void> {
    const threadId = this.threadId;
    if (!threadId) return;
    this._sent = null;
    await this.#action.run(async () => {
      this._sent = await this.workspace.sendLink(threadId);
    });
  }
}

customElements.define('cc-send-link', SendLinkButton);

declare global {
  interface HTMLElementTagNameMap {
    'cc-send-link': SendLinkButton;
  }
}
