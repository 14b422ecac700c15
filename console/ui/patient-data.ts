/**
 * The owner's part of the patient panel (issue 10 §5), in the owner-tools chunk: download
 * the patient's data (JSON, or a readable transcript to hand them), and erase it for good
 * after a confirmation. After an erasure the patient's conversations leave this console.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { ThreadId, VisitorId } from '../../protocol/stream-ids.ts';
import { erasePatient, patientExportUrl } from '../api/http-session.ts';
import { t } from '../i18n/index.ts';
import '../i18n/patient-data-words.ts';
import type { Workspace } from '../state/workspace.ts';
import { ActionTask } from './action-task.ts';
import { dialogStyles } from './dialog-styles.ts';
import { refusal } from './format.ts';
import { theme } from './theme.ts';

export class PatientData extends LitElement {
  static override properties = {
    workspace: { attribute: false },
    patientId: { attribute: false },
    threadIds: { attribute: false },
  };

  declare workspace: Workspace;
  declare patientId: VisitorId;
  /** The patient's conversations this console holds: they go when the patient is erased. */
  declare threadIds: readonly ThreadId[];
  readonly #action = new ActionTask(this);

  constructor() {
    super();
    this.threadIds = [];
  }

  static override styles = [
    theme,
    dialogStyles,
    css`
    :host { display: flex; flex-wrap: wrap; gap: 0.35rem 0.75rem; align-items: center; margin-top: 1rem; }
    dialog { width: min(28rem, 94vw); }
  `,
  ];

  override render() {
    return html`
      <a href=${patientExportUrl(this.patientId, 'json')} download>${t('patientData.exportJson')}</a>
      <a href=${patientExportUrl(this.patientId, 'html')} download>${t('patientData.exportHtml')}</a>
      <button @click=${() => this.#dialog?.showModal()}>${t('patientData.erase')}</button>
      <dialog aria-labelledby="erase-heading">
        <h2 id="erase-heading">${t('patientData.eraseHeading')}</h2>
        <p>${t('patientData.eraseWarning')}</p>
        <p class="error" role="alert">${this.#action.error ? refusal(this.#action.error) : nothing}</p>
        <div class="actions">
          <button class="primary" ?disabled=${this.#action.busy} @click=${() => void this.#erase()}>${t('patientData.eraseConfirm')}</button>
          <button @click=${() => this.#dialog?.close()}>${t('patientData.cancel')}</button>
        </div>
      </dialog>`;
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  async #erase(): Promise<void> {
    await this.#action.run(async (signal) => {
      await erasePatient(this.patientId, signal);
      this.#dialog?.close();
      for (const id of this.threadIds) this.workspace.inbox.forget(id);
      this.workspace.clearSelection();
    });
  }
}

customElements.define('cc-patient-data', PatientData);

declare global {
  interface HTMLElementTagNameMap {
    'cc-patient-data': PatientData;
  }
}
