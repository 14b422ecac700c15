import { LitElement, css, html, nothing, unsafeCSS } from 'lit';
import { t } from '../i18n/index.ts';
import type { Workspace } from '../state/workspace.ts';
import { StoreController } from './store-controller.ts';
import { theme } from './theme.ts';
import './inbox-pane.ts';
import './conversation-view.ts';
import './patient-panel.ts';
import './thread-actions.ts';
import { mayEditAnswers, mayManageClinic, mayReadAccessLog, mayReadReports, mayStartReviews } from '../../protocol/permissions.ts';
import { LINK_PATHS } from '../../protocol/links.ts';
import { HashRouter } from './hash-router.ts';
import { FaviconBadge } from './favicon-badge.ts';
import { KeyboardShortcuts } from './keyboard-shortcuts.ts';
import type { ComposeMode } from './composer.ts';
import type { PushOutcome } from './push-setup.ts';

/** Phones: one column at a time (tablets from 768 px show two, desktops from 1200 px three). */
const PHONE_QUERY = '(max-width: 767px)';

/**
 * The signed-in layout: header, connection state, the inbox and the open conversation, or
 * (the owner, while the relay catches mail locally) the outbox; hash routes pick which.
 * Three columns on a desktop (≥ 1200 px); on a tablet inbox and conversation, the patient a
 * drawer; on a phone (< 768 px) one column at a time. Only the lists scroll, never the page.
 */
export class WorkspaceView extends LitElement {
  static override properties = {
    workspace: { attribute: false },
    _details: { state: true },
    _help: { state: true },
    _menu: { state: true },
    _reports: { state: true },
    _photo: { state: true },
    _twoFactor: { state: true },
    _push: { state: true },
  };

  declare workspace: Workspace;
  /** The patient drawer is open (tablets and phones). */
  declare _details: boolean;
  /** The header's tools are unfolded (phones fold them behind "Menu"). */
  declare _menu: boolean;
  /** The Reports dialog is open (its chunk, with uPlot, is fetched on the first opening). */
  declare _reports: boolean;
  /** The member's own photo dialog (issue 13 §3) is open. */
  declare _photo: boolean;
  /** The shortcuts dialog's chunk is loaded and the dialog rendered. */
  declare _help: boolean;
  /** Two-factor setup: offered, its dialog open (chunk loaded), or done. */
  declare _twoFactor: 'offered' | 'open' | 'done';
  /** Web Push on this device, as the last attempt left it. */
  declare _push: PushOutcome;
  readonly #workspaceChanges = new StoreController(this);
  readonly #inboxChanges = new StoreController(this);
  readonly #alertChanges = new StoreController(this);
  readonly #router = new HashRouter(this);
  readonly #favicon = new FaviconBadge();

  constructor() {
    super();
    new KeyboardShortcuts(this, {
      step: (by) => this.#step(by),
      compose: (mode) => void this.#compose(mode),
      back: () => this.#back(),
      help: () => void this.#showHelp(),
    });
    this._details = false;
    this._reports = false;
    this._photo = false;
    this._help = false;
    this._twoFactor = 'offered';
    this._menu = false;
    this._push = 'off';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Only a browser that already allowed notifications can be subscribed: no chunk otherwise.
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      void import('./push-setup.ts').then(async ({ pushState }) => (this._push = (await pushState()) ? 'on' : 'off'));
    }
  }

  async #togglePush(event: Event): Promise<void> {
    // Kept before the awaits: once dispatch ends, an event from a shadow root names its host.
    const input = event.target as HTMLInputElement;
    const { enablePush, disablePush } = await import('./push-setup.ts');
    this._push = await (input.checked ? enablePush(this.workspace) : disablePush(this.workspace));
    input.checked = this._push === 'on';
  }

  static override styles = [
    theme,
    css`
    :host { display: flex; flex-direction: column; height: 100vh; height: 100dvh; overflow: hidden; background: var(--cc-background); }
    header {
      display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; padding: 0.5rem 1rem;
      background: var(--cc-surface); border-bottom: 1px solid var(--cc-border);
    }
    h1 { font-size: 1.05rem; margin: 0; flex: 1; min-width: 8rem; overflow-wrap: anywhere; }
    .tools { display: contents; }
    .menu, .phone-only { display: none; }
    .me, .alerts { color: var(--cc-muted); font-size: 0.9rem; }
    .alerts { display: inline-flex; align-items: center; gap: 0.35rem; min-height: 2.75rem; }
    .sound { background: #fdecc8; border-color: #c9a227; }
    .connection { margin: 0; padding: 0.35rem 1rem; background: #fdecc8; color: #5c3d00; font-size: 0.9rem; }
    .connection:empty { display: none; }
    nav a { color: var(--cc-accent); font-weight: 600; }
    .skip { position: absolute; left: 0.5rem; top: -4rem; z-index: 3; padding: 0.6rem 1rem; background: var(--cc-surface); }
    .skip:focus { top: 0.5rem; }
    cc-outbox { flex: 1; min-height: 0; }
    .panes { flex: 1; display: grid; grid-template-columns: minmax(16rem, 22rem) minmax(0, 1fr); min-height: 0; }
    .panes > * { min-height: 0; min-width: 0; }
    cc-inbox { border-right: 1px solid var(--cc-border); }
    cc-patient-panel { border-left: 1px solid var(--cc-border); }
    .drawer-close { display: none; }
    @media (min-width: 1200px) {
      .panes.with-patient { grid-template-columns: minmax(16rem, 22rem) minmax(0, 1fr) minmax(12rem, 18rem); }
    }
    @media (max-width: 1199px) {
      .drawer { display: none; }
      .drawer.open {
        display: flex; flex-direction: column; position: fixed; z-index: 2; top: 0; right: 0; bottom: 0;
        width: min(22rem, 92vw); background: var(--cc-surface); box-shadow: -4px 0 24px rgb(0 0 0 / 0.2);
      }
      .drawer.open .drawer-close { display: block; margin: 0.5rem 1rem 0; align-self: flex-end; }
      .drawer cc-patient-panel { flex: 1; border: 0; }
    }
    @media ${unsafeCSS(PHONE_QUERY)} {
      header { padding: 0.25rem 0.75rem; gap: 0.25rem 0.5rem; }
      .menu { display: inline-block; }
      .tools { display: none; }
      .tools.open { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.5rem; flex-basis: 100%; }
      .drawer .phone-only { display: block; padding: 0 1rem; }
      .panes { grid-template-columns: minmax(0, 1fr); }
      .panes.thread cc-inbox, .panes:not(.thread) cc-conversation { display: none; }
      cc-inbox { border-right: 0; }
    }
  `,
  ];

  override willUpdate(): void {
    if (this.workspace && mayManageClinic(this.workspace.me.staff.role)) void import('./owner-tools.ts');
    if (this.workspace && mayStartReviews(this.workspace.me.staff.role)) void import('./start-review.ts');
    if (this.workspace && mayEditAnswers(this.workspace.me.staff.role)) void import('./answers-manager.ts');
    if (this.workspace && mayReadAccessLog(this.workspace.me.staff.role)) void import('./access-log-view.ts');
    this.#workspaceChanges.target = this.workspace;
    this.#inboxChanges.target = this.workspace?.inbox;
    this.#alertChanges.target = this.workspace?.alerts;
  }

  override updated(): void {
    const waiting = this.workspace.inbox.waitingCount;
    document.title = waiting > 0 ? `(${waiting}) ${t('app.title')}` : t('app.title');
    this.#favicon.show(waiting);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#favicon.show(0);
  }

  override render() {
    const ws = this.workspace;
    const connection = ws.connection === 'offline' ? t('connection.offline') : ws.connection === 'connecting' ? t('connection.connecting') : '';
    const showPatient = ws.selectedId !== null && !ws.inbox.isGone(ws.selectedId);
    const thread = ws.selectedId ? ws.inbox.thread(ws.selectedId) : undefined;
    // The relay serves the outbox only to the owner and only while its mail catcher runs.
    const outbox = ws.me.outbox && mayManageClinic(ws.me.staff.role);
    const onOutbox = outbox && this.#router.route.view === 'outbox';
    return html`
      <a class="skip" href=${location.hash || '#'} @click=${this.#skip}>${t('layout.skip')}</a>
      <header>
        <h1>${ws.clinicName}</h1>
        ${ws.alerts.soundBlocked ? html`<button class="sound" @click=${() => void ws.alerts.resumeSound()}>${t('alerts.enableSound')}</button>` : nothing}
        <button class="menu" aria-expanded=${this._menu ? 'true' : 'false'} aria-controls="tools" @click=${() => (this._menu = !this._menu)}>${t('layout.menu')}</button>
        <div id="tools" class="tools ${this._menu ? 'open' : ''}">
        <span class="me">${t('header.signedInAs', { name: ws.me.staff.name })} · ${t(`role.${ws.me.staff.role}`)}</span>
        ${
          outbox
            ? html`<nav aria-label=${t('nav.label')}>${
                onOutbox
                  ? html`<a href=${ws.selectedId ? LINK_PATHS.consoleThread(ws.selectedId) : '#'}>${t('nav.conversations')}</a>`
                  : html`<a href=${LINK_PATHS.consoleOutbox()}>${t('nav.outbox')}</a>`
              }</nav>`
            : nothing
        }
        ${mayReadReports(ws.me.staff.role) ? html`<button @click=${this.#openReports}>${t('reports.open')}</button>` : nothing}
        ${mayStartReviews(ws.me.staff.role) ? html`<cc-start-review .reviews=${ws.reviews}></cc-start-review>` : nothing}
        ${mayEditAnswers(ws.me.staff.role) ? html`<cc-answers-manager .answers=${ws.answers}></cc-answers-manager>` : nothing}
        ${
          ws.admin
            ? html`<cc-staff-manager .admin=${ws.admin} .myId=${ws.myId}></cc-staff-manager>
          <cc-clinic-settings .admin=${ws.admin}></cc-clinic-settings>
          <cc-review-settings .reviews=${ws.reviews}></cc-review-settings>`
            : nothing
        }
        ${mayReadAccessLog(ws.me.staff.role) ? html`<cc-access-log .staff=${ws.staff}></cc-access-log>` : nothing}
        <label class="alerts"><input type="checkbox" .checked=${ws.alerts.enabled}
          @change=${(e: Event) => void ws.alerts.setEnabled((e.target as HTMLInputElement).checked)}> ${t('alerts.toggle')}</label>
        <button @click=${this.#openPhoto}>${t('profile.mine')}</button>
        ${ws.me.twoFactor?.enabled || this._twoFactor === 'done' ? nothing : html`<button @click=${() => void this.#setUpTwoFactor()}>${t('twoFactor.open')}</button>`}
        <label class="alerts"><input type="checkbox" .checked=${this._push === 'on'} @change=${this.#togglePush}> ${t('push.toggle')}</label>
        ${this._push === 'denied' || this._push === 'unavailable' ? html`<span class="alerts" role="status">${t(`push.${this._push}`)}</span>` : nothing}
        <button @click=${this.#signOut}>${t('header.signOut')}</button>
        ${this._photo ? html`<cc-my-photo .staffId=${ws.myId} @my-photo-closed=${() => (this._photo = false)}></cc-my-photo>` : nothing}
        ${this._reports ? html`<cc-reports .workspace=${ws} @reports-closed=${() => (this._reports = false)}></cc-reports>` : nothing}
        </div>
      </header>
      <p class="connection" role="status">${connection || nothing}</p>
      ${ws.me.twoFactor?.required && !ws.me.twoFactor.enabled && this._twoFactor !== 'done' ? html`<p class="connection" role="alert">${t('twoFactor.required')}</p>` : nothing}
      ${this._twoFactor === 'open' ? html`<cc-two-factor-setup @two-factor-closed=${this.#twoFactorClosed}></cc-two-factor-setup>` : nothing}
      ${
        onOutbox
          ? html`<cc-outbox></cc-outbox>`
          : html`<main class="panes ${showPatient ? 'with-patient' : ''} ${ws.selectedId ? 'thread' : ''}">
        <cc-inbox .workspace=${ws} @thread-opened=${this.#opened} @view-chosen=${() => this.#router.viewChosen()}></cc-inbox>
        <cc-conversation .workspace=${ws} .threadId=${ws.selectedId} @conversation-back=${() => this.#back()}
          @toggle-details=${() => (this._details = !this._details)} .detailsOpen=${this._details}></cc-conversation>
        ${
          showPatient
            ? html`<div class="drawer ${this._details ? 'open' : ''}">
          <button class="drawer-close" @click=${() => this.#closeDetails()}>${t('layout.closeDetails')}</button>
          ${thread && ws.canWrite && this._details ? html`<cc-thread-actions class="phone-only" .workspace=${ws} .thread=${thread}></cc-thread-actions>` : nothing}
          <cc-patient-panel .workspace=${ws} .threadId=${ws.selectedId}></cc-patient-panel>
        </div>`
            : nothing
        }
      </main>`
      }
      ${this._help ? html`<cc-shortcuts></cc-shortcuts>` : nothing}
    `;
  }

  /** On a phone the list gives way to the conversation: focus follows to its heading. */
  async #opened(): Promise<void> {
    if (!matchMedia(PHONE_QUERY).matches) return;
    await this.updateComplete;
    this.renderRoot.querySelector('cc-conversation')?.focusHeading();
  }

  /** The next (1) or previous (-1) conversation of the inbox's list. */
  #step(by: 1 | -1): void {
    const threads = this.workspace.inbox.threads;
    const at = threads.findIndex((thread) => thread.id === this.workspace.selectedId);
    const next = threads[at === -1 ? (by === 1 ? 0 : threads.length - 1) : at + by];
    if (next) this.workspace.select(next.id);
  }

  async #compose(mode: ComposeMode): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector('cc-conversation')?.compose(mode);
  }

  /** Esc or the Back button: the drawer first, then back to the list, focus on the conversation's row. */
  #back(): void {
    if (this._details) return this.#closeDetails();
    const id = this.workspace.selectedId;
    if (id === null) return;
    this.#router.back();
    void this.updateComplete.then(() => this.renderRoot.querySelector('cc-inbox')?.focusRow(id));
  }

  #closeDetails(): void {
    this._details = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector('cc-conversation')?.focusDetailsToggle());
  }

  #skip(event: Event): void {
    event.preventDefault();
    if (this.workspace.selectedId) void this.#compose('reply');
    else this.renderRoot.querySelector('cc-inbox')?.focusRow(null);
  }

  async #showHelp(): Promise<void> {
    await import('./shortcuts-dialog.ts');
    this._help = true;
    await this.updateComplete;
    await this.renderRoot.querySelector('cc-shortcuts')?.show();
  }

  #openPhoto = async (): Promise<void> => {
    await import('./my-photo.ts');
    this._photo = true;
  };

  #openReports = async (): Promise<void> => {
    await import('./reports-view.ts');
    this._reports = true;
  };
  async #setUpTwoFactor(): Promise<void> {
    await import('./two-factor-setup.ts');
    this._twoFactor = 'open';
  }

  #twoFactorClosed(event: CustomEvent<{ enabled: boolean }>): void {
    this._twoFactor = event.detail.enabled ? 'done' : 'offered';
    // A clinic that requires it refused this session's socket until now: connect afresh.
    if (event.detail.enabled && this.workspace.me.twoFactor?.required) location.reload();
  }

  #signOut(): void {
    this.dispatchEvent(new CustomEvent('sign-out', { bubbles: true, composed: true }));
  }
}

customElements.define('cc-workspace', WorkspaceView);

declare global {
  interface HTMLElementTagNameMap {
    'cc-workspace': WorkspaceView;
  }
}
