import { LitElement, css, html, nothing } from 'lit';
import { t } from '../i18n/index.ts';
import type { Workspace } from '../state/workspace.ts';
import { StoreController } from './store-controller.ts';
import { theme } from './theme.ts';
import './inbox-pane.ts';
import './conversation-view.ts';
import './patient-panel.ts';
import './answers-manager.ts';
import './staff-manager.ts';
import './clinic-settings.ts';
import './outbox-view.ts';
import { mayEditAnswers, mayManageClinic } from '../../protocol/permissions.ts';
import { LINK_PATHS } from '../../protocol/links.ts';
import { HashRouter } from './hash-router.ts';

/**
 * The signed-in layout: header, connection state, the inbox and the open conversation, or
 * (the owner, while the relay catches mail locally) the outbox; hash routes pick which.
 */
export class WorkspaceView extends LitElement {
  static override properties = { workspace: { attribute: false } };

  declare workspace: Workspace;
  readonly #workspaceChanges = new StoreController(this);
  readonly #inboxChanges = new StoreController(this);
  readonly #alertChanges = new StoreController(this);
  readonly #router = new HashRouter(this);

  static override styles = [
    theme,
    css`
    :host { display: flex; flex-direction: column; height: 100vh; background: var(--cc-background); }
    header {
      display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; padding: 0.5rem 1rem;
      background: var(--cc-surface); border-bottom: 1px solid var(--cc-border);
    }
    h1 { font-size: 1.05rem; margin: 0; flex: 1; }
    .me, .alerts { color: var(--cc-muted); font-size: 0.9rem; }
    .connection { margin: 0; padding: 0.35rem 1rem; background: #fdecc8; color: #5c3d00; font-size: 0.9rem; }
    .connection:empty { display: none; }
    .sound { background: #fdecc8; border-color: #c9a227; }
    nav a { color: var(--cc-accent); font-weight: 600; }
    cc-outbox { flex: 1; min-height: 0; }
    .panes { flex: 1; display: grid; grid-template-columns: minmax(16rem, 22rem) 1fr; min-height: 0; }
    .panes.with-patient { grid-template-columns: minmax(16rem, 22rem) 1fr minmax(12rem, 18rem); }
    cc-patient-panel { border-left: 1px solid var(--cc-border); min-height: 0; }
    cc-inbox { border-right: 1px solid var(--cc-border); min-height: 0; }
    cc-conversation { min-height: 0; }
  `,
  ];

  override willUpdate(): void {
    this.#workspaceChanges.target = this.workspace;
    this.#inboxChanges.target = this.workspace?.inbox;
    this.#alertChanges.target = this.workspace?.alerts;
  }

  override updated(): void {
    const waiting = this.workspace.inbox.waitingCount;
    document.title = waiting > 0 ? `(${waiting}) ${t('app.title')}` : t('app.title');
  }

  override render() {
    const ws = this.workspace;
    const connection = ws.connection === 'offline' ? t('connection.offline') : ws.connection === 'connecting' ? t('connection.connecting') : '';
    const showPatient = ws.selectedId !== null && !ws.inbox.isGone(ws.selectedId);
    // The relay serves the outbox only to the owner and only while its mail catcher runs.
    const outbox = ws.me.outbox && mayManageClinic(ws.me.staff.role);
    const onOutbox = outbox && this.#router.route.view === 'outbox';
    return html`
      <header>
        <h1>${ws.clinicName}</h1>
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
        ${mayEditAnswers(ws.me.staff.role) ? html`<cc-answers-manager .answers=${ws.answers}></cc-answers-manager>` : nothing}
        ${
          ws.admin
            ? html`<cc-staff-manager .admin=${ws.admin} .myId=${ws.myId}></cc-staff-manager>
          <cc-clinic-settings .admin=${ws.admin}></cc-clinic-settings>`
            : nothing
        }
        <label class="alerts"><input type="checkbox" .checked=${ws.alerts.enabled}
          @change=${(e: Event) => void ws.alerts.setEnabled((e.target as HTMLInputElement).checked)}> ${t('alerts.toggle')}</label>
        ${ws.alerts.soundBlocked ? html`<button class="sound" @click=${() => void ws.alerts.resumeSound()}>${t('alerts.enableSound')}</button>` : nothing}
        <button @click=${this.#signOut}>${t('header.signOut')}</button>
      </header>
      <p class="connection" role="status">${connection || nothing}</p>
      ${
        onOutbox
          ? html`<cc-outbox></cc-outbox>`
          : html`<main class="panes ${showPatient ? 'with-patient' : ''}">
        <cc-inbox .workspace=${ws}></cc-inbox>
        <cc-conversation .workspace=${ws} .threadId=${ws.selectedId}></cc-conversation>
        ${showPatient ? html`<cc-patient-panel .workspace=${ws} .threadId=${ws.selectedId}></cc-patient-panel>` : nothing}
      </main>`
      }
    `;
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
