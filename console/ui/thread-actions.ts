import { LitElement, css, html, nothing } from 'lit';
import type { StaffId } from '../../protocol/ids.ts';
import type { StaffThread } from '../../protocol/model.ts';
import { asClientError } from '../../widget/client/client-core.ts';
import { t } from '../i18n/index.ts';
import { mayMarkComplaints } from '../../protocol/permissions.ts';
import { THREAD_STATUSES } from '../../protocol/constants.ts';
import type { Workspace } from '../state/workspace.ts';
import { ActionTask } from './action-task.ts';
import { errorReason } from './format.ts';
import { theme } from './theme.ts';

/**
 * Take a conversation nobody has (refused if a colleague was first), assign it (to oneself
 * or a colleague), mark it a complaint, change its status.
 */
export class ThreadActions extends LitElement {
  static override properties = {
    workspace: { attribute: false },
    thread: { attribute: false },
  };

  declare workspace: Workspace;
  declare thread: StaffThread;
  /** One change at a time; on a refusal the controls re-render to what the relay holds. */
  readonly #action = new ActionTask(this);

  static override styles = [
    theme,
    css`
    :host { display: block; }
    .row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; font-size: 0.9rem; }
    .field { display: inline-flex; align-items: center; gap: 0.35rem; white-space: nowrap; }
    select { font: inherit; padding: 0.25rem; border: 1px solid #8a96a3; border-radius: 6px; background: var(--cc-surface); }
    .error { color: var(--cc-danger); margin: 0.25rem 0 0; font-size: 0.85rem; }
  `,
  ];

  override render() {
    const thread = this.thread;
    const me = this.workspace.myId;
    // The head reads only, so nobody hands a conversation to them.
    const colleagues = this.workspace.staff.filter((member) => member.role !== 'head');
    const assigneeId = thread.assignee?.id ?? '';
    const assigneeListed = !assigneeId || colleagues.some((member) => member.id === assigneeId);
    return html`<div class="row" role="group" aria-label=${t('actions.label')}>
      ${
        thread.assignee === null
          ? html`<button ?disabled=${this.#action.busy} @click=${() => this.#action.run(() => this.workspace.threads.take(thread.id))}>${t('actions.take')}</button>`
          : thread.assignee.id === me
            ? nothing
            : html`<button ?disabled=${this.#action.busy} @click=${() => this.#action.run(() => this.workspace.threads.assign(thread.id, me))}>${t('actions.assignToMe')}</button>`
      }
      <span class="field"><label for="assignee">${t('actions.assignTo')}</label>
      <select id="assignee" ?disabled=${this.#action.busy} @change=${this.#assign}>
        <option value="" ?selected=${!assigneeId}>${t('actions.nobody')}</option>
        ${assigneeListed ? nothing : html`<option value=${assigneeId} selected>${thread.assignee?.name}</option>`}
        ${colleagues.map((member) => html`<option value=${member.id} ?selected=${member.id === assigneeId}>${member.name}</option>`)}
      </select></span>
      ${
        mayMarkComplaints(this.workspace.me.staff.role)
          ? html`<label><input type="checkbox" .checked=${thread.complaint} ?disabled=${this.#action.busy} @change=${this.#complaint}> ${t('actions.complaint')}</label>`
          : nothing
      }
      <span class="field"><label for="status">${t('actions.status')}</label>
      <select id="status" ?disabled=${this.#action.busy} @change=${this.#status}>
        ${THREAD_STATUSES.map((status) => html`<option value=${status} ?selected=${status === thread.status}>${t(`status.${status}`)}</option>`)}
      </select></span>
    </div>
    ${this.#action.error ? html`<p class="error" role="alert">${t('actions.failed', { reason: errorReason(asClientError(this.#action.error).code) })}</p>` : nothing}`;
  }

  #assign(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    const assigneeId = value ? (value as StaffId) : null;
    void this.#action.run(() => this.workspace.threads.assign(this.thread.id, assigneeId));
  }

  #complaint(event: Event): void {
    const complaint = (event.target as HTMLInputElement).checked;
    void this.#action.run(() => this.workspace.threads.setComplaint(this.thread.id, complaint));
  }

  #status(event: Event): void {
    const status = (event.target as HTMLSelectElement).value as StaffThread['status'];
    void this.#action.run(() => this.workspace.threads.setStatus(this.thread.id, status));
  }
}

customElements.define('cc-thread-actions', ThreadActions);

declare global {
  interface HTMLElementTagNameMap {
    'cc-thread-actions': ThreadActions;
  }
}
