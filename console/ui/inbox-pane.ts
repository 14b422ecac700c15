import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { StaffThread } from '../../protocol/model.ts';
import type { ThreadId, VisitorId } from '../../protocol/ids.ts';
import { isAwaiting, viewsFor } from '../../protocol/inbox-views.ts';
import { t } from '../i18n/index.ts';
import type { FilterId } from '../state/inbox-filters.ts';
import { groupByPatient, type PatientGroup } from '../state/patient-groups.ts';
import type { Workspace } from '../state/workspace.ts';
import { errorReason, longTime, shortTime, waitTime } from './format.ts';
import { MinuteClock } from './minute-clock.ts';
import { StoreController } from './store-controller.ts';
import { theme } from './theme.ts';

/**
 * The inbox: the views with their counts and the live list of conversations, one row per
 * patient, with the waiting time in the queue. The list is one tab stop (roving focus):
 * ↑/↓, Home and End move between rows, Enter opens one.
 */
export class InboxPane extends LitElement {
  static override properties = { workspace: { attribute: false } };

  declare workspace: Workspace;
  readonly #inboxChanges = new StoreController(this);
  readonly #workspaceChanges = new StoreController(this);
  /** The row holding the list's tab stop, when the keyboard moved it off the open one. */
  #roving: ThreadId | null = null;
  /** Patients whose other threads are shown. */
  readonly #unfolded = new Set<VisitorId>();
  /** The rows shown, in order: what ↑/↓ walk. */
  #rows: StaffThread[] = [];
  readonly #clock = new MinuteClock(this);
  /** The search shown instead of the list, '' for none. */
  #query = '';
  /** A row had focus before this render. */
  #hadFocus = false;

  static override styles = [
    theme,
    css`
    :host { display: flex; flex-direction: column; background: var(--cc-surface); }
    nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem; list-style: none; margin: 0; padding: 0.5rem; border-bottom: 1px solid var(--cc-border); }
    nav button { font-size: 0.85rem; padding: 0.2rem 0.55rem; border-radius: 999px; }
    nav button[aria-pressed='true'] { background: var(--cc-accent); border-color: var(--cc-accent); color: var(--cc-accent-text); }
    /* Positioned, so the visually hidden labels inside stay inside: unpositioned, they
       were placed against the page and stretched it far below the app. */
    .list { position: relative; overflow-y: auto; overscroll-behavior: contain; flex: 1; min-height: 0; }
    ul.threads { list-style: none; margin: 0; padding: 0; }
    ul.threads button.row {
      display: grid; grid-template-columns: 1fr auto; gap: 0.15rem 0.5rem; width: 100%; text-align: left;
      border: 0; border-bottom: 1px solid var(--cc-border); border-radius: 0; padding: 0.6rem 0.75rem;
    }
    ul.threads button[aria-current='true'] { background: var(--cc-selected); }
    .name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .time { color: var(--cc-muted); font-size: 0.8rem; }
    .preview { color: var(--cc-muted); font-size: 0.9rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .unread {
      justify-self: end; min-width: 1.4rem; padding: 0 0.4rem; border-radius: 999px; text-align: center;
      background: var(--cc-accent); color: var(--cc-accent-text); font-size: 0.8rem; font-weight: 600;
    }
    .meta { grid-column: 1 / -1; display: flex; gap: 0.5rem; font-size: 0.8rem; color: var(--cc-muted); }
    .complaint, .notify-failed { color: var(--cc-danger); font-weight: 600; }
    .empty, .error { padding: 1rem; color: var(--cc-muted); }
    .count { margin-left: 0.2rem; font-weight: 600; }
    form { padding: 0.5rem 0.5rem 0; }
    input[type='search'] { width: 100%; box-sizing: border-box; font: inherit; font-size: 1rem; padding: 0.45rem 0.6rem; border: 1px solid #8a96a3; border-radius: 6px; }
    .wait { font-weight: 600; }
    .wait.late { color: var(--cc-danger); }
    ul.nested { border-left: 3px solid var(--cc-border); margin-left: 0.75rem; }
    button.others { width: 100%; border: 0; border-bottom: 1px solid var(--cc-border); border-radius: 0; font-size: 0.8rem; text-align: left; padding: 0.35rem 0.75rem; min-height: 2.75rem; }
    .more { margin: 0.75rem; }
  `,
  ];

  override willUpdate(): void {
    this.#inboxChanges.target = this.workspace?.inbox;
    this.#workspaceChanges.target = this.workspace;
    this.#hadFocus = this.shadowRoot?.activeElement?.classList.contains('row') ?? false;
  }

  /** A focused row that left the view (answered, taken away) hands focus to the list's tab stop, not to the page. */
  override updated(): void {
    if (this.#hadFocus && !this.shadowRoot?.activeElement) this.focusRow(null);
  }

  override render() {
    const inbox = this.workspace.inbox;
    const groups = groupByPatient(inbox.threads);
    // The rows in the order the keyboard walks them: each patient's row, then their other threads if unfolded.
    this.#rows = groups.flatMap((group) => (this.#unfolded.has(group.head.patient.id) ? [group.head, ...group.others] : [group.head]));
    return html`
      <nav aria-label=${t('filters.label')}>
        <ul>
          ${viewsFor(this.workspace.me.staff.role).map((id) => this.#filterButton(id))}
        </ul>
      </nav>
      <form role="search" @submit=${this.#search}>
        <input type="search" name="query" aria-label=${t('search.label')} placeholder=${t('search.label')} maxlength="200" @input=${this.#searchEdited}>
      </form>
      <div class="list">
        ${
          this.#query
            ? html`<cc-search-results .workspace=${this.workspace} .query=${this.#query}></cc-search-results>`
            : html`<ul class="threads" @keydown=${this.#key} aria-label=${t('inbox.label')} aria-busy=${inbox.loading ? 'true' : 'false'}>
          ${repeat(
            groups,
            (group) => group.head.patient.id,
            (group) => this.#group(group),
          )}
        </ul>
        ${!inbox.loading && groups.length === 0 ? html`<p class="empty">${t('inbox.empty')}</p>` : nothing}
        ${inbox.error && inbox.error !== 'OFFLINE' ? html`<p class="error" role="alert">${errorReason(inbox.error)}</p>` : nothing}
        ${inbox.next !== null ? html`<button class="more" ?disabled=${inbox.loading} @click=${() => void inbox.more()}>${t('inbox.loadMore')}</button>` : nothing}`
        }
      </div>
    `;
  }

  /** A view's button; its count is the button's description, so its name stays the view's name. */
  #filterButton(id: FilterId) {
    const count = this.workspace.inbox.counts[id];
    return html`<li>
      <button aria-pressed=${this.workspace.inbox.filter === id ? 'true' : 'false'} aria-describedby=${count === undefined ? nothing : `count-${id}`}
        @click=${() => this.#filter(id)}>${t(`filter.${id}`)}${
          count === undefined
            ? nothing
            : html` <span class="count" aria-hidden="true">${count}</span><span id=${`count-${id}`} hidden>${t('filter.count', { count })}</span>`
        }</button>
    </li>`;
  }

  #group({ head, others }: PatientGroup) {
    const unfolded = this.#unfolded.has(head.patient.id);
    const listId = `others-${head.id}`;
    return html`<li>
      ${this.#row(head)}
      ${
        others.length > 0
          ? html`<button class="others" aria-expanded=${unfolded ? 'true' : 'false'} aria-controls=${listId} @click=${() => this.#toggle(head.patient.id)}>
              ${t('inbox.others', { count: others.length })}</button>
            <ul class="threads nested" id=${listId} ?hidden=${!unfolded}>${unfolded ? others.map((thread) => html`<li>${this.#row(thread)}</li>`) : nothing}</ul>`
          : nothing
      }
    </li>`;
  }

  #row(thread: StaffThread) {
    const selected = this.workspace.selectedId === thread.id;
    const preview = thread.preview
      ? thread.previewBy === this.workspace.myId
        ? t('inbox.you', { text: thread.preview })
        : thread.preview
      : t('inbox.noMessages');
    return html`<button class="row" data-id=${thread.id} aria-current=${selected ? 'true' : 'false'} tabindex=${thread.id === this.#tabStop() ? 0 : -1} @click=${() => this.#open(thread.id)}>
        <bdi class="name">${thread.patient.displayName}</bdi>
        <time class="time" datetime=${new Date(thread.lastActivityAt).toISOString()} title=${longTime(thread.lastActivityAt)}>${shortTime(thread.lastActivityAt)}</time>
        <bdi class="preview">${preview}</bdi>
        ${thread.unread > 0 ? html`<span class="unread"><span aria-hidden="true">${thread.unread}</span><span class="visually-hidden">${t('inbox.unread', { count: thread.unread })}</span></span>` : html`<span></span>`}
        <span class="meta">
          ${this.#wait(thread)}
          <span>${t(`status.${thread.status}`)}</span>
          <span>${thread.assignee ? t('inbox.assignedTo', { name: thread.assignee.name }) : t('inbox.unassigned')}</span>
          ${thread.complaint ? html`<span class="complaint">${t('inbox.complaint')}</span>` : nothing}
          ${thread.notificationFailed ? html`<span class="notify-failed" title=${t('notify.failedHint')}>${t('notify.failed')}</span>` : nothing}
          ${thread.previousThreadId ? html`<span class="history" role="img" aria-label=${t('inbox.history')} title=${t('inbox.history')}>↺</span>` : nothing}
        </span>
      </button>`;
  }

  /** How long the patient has waited for an answer, marked once past the clinic's target. */
  #wait(thread: StaffThread) {
    if (!isAwaiting(thread)) return nothing;
    const waited = this.#clock.now - thread.awaitingSince!;
    const late = waited > this.workspace.queue.waitTargetMinutes * 60_000;
    return html`<span class="wait ${late ? 'late' : ''}">${t('inbox.waits', { time: waitTime(waited) })}${late ? html`<span class="visually-hidden">, ${t('inbox.late')}</span>` : nothing}</span>`;
  }

  /** Enter in the search box: the results (their chunk fetched the first time) replace the list. */
  async #search(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const query = new FormData(event.target as HTMLFormElement).get('query')?.toString().trim() ?? '';
    if (query) await import('./search-results.ts');
    this.#query = query;
    this.requestUpdate();
  }

  /** An emptied box (typed away, or its clear button) brings the list back. */
  #searchEdited(event: InputEvent): void {
    if ((event.target as HTMLInputElement).value || !this.#query) return;
    this.#query = '';
    this.requestUpdate();
  }

  #toggle(patient: VisitorId): void {
    if (!this.#unfolded.delete(patient)) this.#unfolded.add(patient);
    this.requestUpdate();
  }

  /** Moves focus to a conversation's row (null: the row holding the tab stop). */
  focusRow(id: ThreadId | null): void {
    this.#roving = id;
    const stop = this.#tabStop();
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-id="${stop}"]`)?.focus());
  }

  #tabStop(): ThreadId | undefined {
    const threads = this.#rows;
    const want = this.#roving ?? this.workspace.selectedId;
    return threads.find((thread) => thread.id === want)?.id ?? threads[0]?.id;
  }

  #open(id: ThreadId): void {
    this.#roving = null;
    this.workspace.select(id);
    this.dispatchEvent(new CustomEvent('thread-opened', { bubbles: true, composed: true }));
  }

  #key(event: KeyboardEvent): void {
    const threads = this.#rows;
    const at = threads.findIndex((thread) => thread.id === this.#tabStop());
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: threads.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = threads[to];
    if (next) this.focusRow(next.id);
  }

  #filter(id: FilterId): void {
    void this.workspace.inbox.show(id);
    this.dispatchEvent(new CustomEvent('view-chosen', { bubbles: true, composed: true }));
  }
}

customElements.define('cc-inbox', InboxPane);

declare global {
  interface HTMLElementTagNameMap {
    'cc-inbox': InboxPane;
  }
}
