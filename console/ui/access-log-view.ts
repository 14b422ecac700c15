/**
 * The clinic's access log for the owner and the head (issue 10 §5), in a lazy chunk of
 * its own (workspace-view imports it only for them): a button opening a dialog with who
 * read or acted on which patient's data and when, filtered by action, member, patient
 * and dates, paged with "Load older", and the same filters as a CSV download.
 */
import { LitElement, css, html, nothing } from 'lit';
import { ACCESS_ACTIONS, type AccessAction } from '../../protocol/access-actions.ts';
import type { AccessEntry, AccessLogQuery } from '../../protocol/access-log.ts';
import type { StaffId, VisitorId } from '../../protocol/stream-ids.ts';
import type { StaffRef } from '../../protocol/model.ts';
import { accessLogCsvUrl, fetchAccessLog } from '../api/http-session.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import '../i18n/staff-words.ts';
import '../i18n/access-log-words.ts';
import { ActionTask } from './action-task.ts';
import { dialogStyles } from './dialog-styles.ts';
import { longTime, refusal } from './format.ts';
import { theme } from './theme.ts';

const PAGE = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

type Filters = Omit<AccessLogQuery, 'format' | 'before' | 'limit'>;

/** `<input type=date>` value → ms at the start of that day (UTC), or undefined. */
const dayStart = (value: string) => (value ? Date.parse(`${value}T00:00:00Z`) : undefined);

export class AccessLogView extends LitElement {
  static override properties = {
    staff: { attribute: false },
    _entries: { state: true },
    _next: { state: true },
  };

  declare staff: readonly StaffRef[];
  declare _entries: readonly AccessEntry[] | null;
  declare _next: string | null;
  #filters: Filters = {};
  readonly #action = new ActionTask(this);

  constructor() {
    super();
    this.staff = [];
    this._entries = null;
    this._next = null;
  }

  static override styles = [
    theme,
    dialogStyles,
    css`
    dialog { width: min(60rem, 96vw); }
    form { grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); align-items: end; gap: 0.5rem; margin: 0.75rem 0; }
    form div { display: grid; gap: 0.2rem; }
    table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
    th, td { text-align: start; padding: 0.3rem 0.4rem; border-bottom: 1px solid var(--cc-border); overflow-wrap: anywhere; }
    .erased { color: var(--cc-muted); font-style: italic; }
  `,
  ];

  override render() {
    return html`
      <button @click=${this.#open}>${t('accessLog.open')}</button>
      <dialog aria-labelledby="access-log-heading">
        <div class="top">
          <h2 id="access-log-heading">${t('accessLog.heading')}</h2>
          <button @click=${() => this.#dialog?.close()}>${t('staff.close')}</button>
        </div>
        <form @submit=${this.#filter}>
          <div><label for="al-action">${t('accessLog.action')}</label>
            <select id="al-action" name="action"><option value="">${t('accessLog.any')}</option>
              ${ACCESS_ACTIONS.map((action) => html`<option value=${action}>${this.#actionName(action)}</option>`)}</select></div>
          <div><label for="al-staff">${t('accessLog.who')}</label>
            <select id="al-staff" name="staffId"><option value="">${t('accessLog.any')}</option>
              ${this.staff.map((member) => html`<option value=${member.id}>${member.name}</option>`)}</select></div>
          <div><label for="al-patient">${t('accessLog.patient')}</label><input id="al-patient" name="visitorId" autocomplete="off"></div>
          <div><label for="al-since">${t('accessLog.since')}</label><input id="al-since" name="since" type="date"></div>
          <div><label for="al-until">${t('accessLog.until')}</label><input id="al-until" name="until" type="date"></div>
          <div class="actions">
            <button class="primary" type="submit" ?disabled=${this.#action.busy}>${t('accessLog.apply')}</button>
            <a href=${accessLogCsvUrl(this.#filters)} download="access-log.csv">${t('accessLog.csv')}</a>
          </div>
        </form>
        <p class="error" role="alert">${this.#action.error ? refusal(this.#action.error) : nothing}</p>
        ${this._entries === null ? nothing : this.#table(this._entries)}
        ${this._next ? html`<button ?disabled=${this.#action.busy} @click=${() => void this.#load(true)}>${t('accessLog.older')}</button>` : nothing}
      </dialog>`;
  }

  #table(entries: readonly AccessEntry[]) {
    if (entries.length === 0) return html`<p role="status">${t('accessLog.empty')}</p>`;
    return html`<table>
      <thead><tr><th scope="col">${t('accessLog.when')}</th><th scope="col">${t('accessLog.who')}</th>
        <th scope="col">${t('accessLog.action')}</th><th scope="col">${t('accessLog.patient')}</th></tr></thead>
      <tbody>${entries.map(
        (entry) => html`<tr>
          <td><time datetime=${new Date(entry.at).toISOString()}>${longTime(entry.at)}</time></td>
          <td>${entry.staffId ? (this.staff.find((m) => m.id === entry.staffId)?.name ?? entry.staffId) : '—'}</td>
          <td>${this.#actionName(entry.action)}</td>
          <td>${entry.erased ? html`<span class="erased">${t('accessLog.erased')}</span>` : (entry.visitorId ?? '—')}</td>
        </tr>`,
      )}</tbody>
    </table>`;
  }

  #actionName(action: AccessAction): string {
    return t(`accessLog.action.${action}` as MessageKey);
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  #open(): void {
    this.#dialog?.showModal();
    void this.#load(false);
  }

  #filter(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    const until = dayStart(String(data.get('until') ?? ''));
    this.#filters = {
      action: text('action') as AccessAction | undefined,
      staffId: text('staffId') as StaffId | undefined,
      visitorId: text('visitorId') as VisitorId | undefined,
      since: dayStart(String(data.get('since') ?? '')),
      // The whole "until" day counts.
      until: until === undefined ? undefined : until + DAY_MS - 1,
    };
    void this.#load(false);
  }

  async #load(older: boolean): Promise<void> {
    await this.#action.run(async (signal) => {
      const before = older && this._next ? { before: this._next } : {};
      const page = await fetchAccessLog({ ...this.#filters, ...before, limit: PAGE }, signal);
      this._entries = older && this._entries ? [...this._entries, ...page.entries] : page.entries;
      this._next = page.next;
    });
  }
}

customElements.define('cc-access-log', AccessLogView);

declare global {
  interface HTMLElementTagNameMap {
    'cc-access-log': AccessLogView;
  }
}
