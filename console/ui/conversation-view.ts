import { LitElement, css, html, nothing } from 'lit';
import type { ThreadId } from '../../protocol/ids.ts';
import type { GuidanceOptions } from '../../protocol/writing-guidance.ts';
import type { ClientMessageId } from '../../protocol/ids.ts';
import { t } from '../i18n/index.ts';
import type { ConversationStore } from '../state/conversation-store.ts';
import type { Workspace } from '../state/workspace.ts';
import type { BookingDecide } from './booking-card.ts';
import type { ComposeDetail, ComposeMode, TypingDetail } from './composer.ts';
import { errorReason } from './format.ts';
import { StoreController } from './store-controller.ts';
import { theme } from './theme.ts';
import './composer.ts';
import type { FileUrl } from '../../widget/attach/attachment-list.ts';
import './message-list.ts';
import './thread-actions.ts';

/**
 * One open conversation: header with status and actions, the history, who is typing,
 * and the composer (or, for a read-only role, a note saying so).
 */
export class ConversationView extends LitElement {
  static override properties = {
    workspace: { attribute: false },
    threadId: { attribute: false },
    detailsOpen: { attribute: false },
  };

  declare workspace: Workspace;
  declare threadId: ThreadId | null;
  /** The patient drawer (tablets, phones) is open; its toggle says so. */
  declare detailsOpen: boolean;

  readonly #conversationChanges = new StoreController(this);
  readonly #inboxChanges = new StoreController(this);
  readonly #typingChanges = new StoreController(this);
  readonly #outboxChanges = new StoreController(this);
  readonly #workspaceChanges = new StoreController(this);
  #lifetime: AbortController | undefined;

  constructor() {
    super();
    this.threadId = null;
    this.detailsOpen = false;
  }

  static override styles = [
    theme,
    css`
    :host { display: flex; flex-direction: column; background: var(--cc-background); }
    header { padding: 0.6rem 1rem; background: var(--cc-surface); border-bottom: 1px solid var(--cc-border); display: grid; gap: 0.35rem; }
    .title { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
    h2 { font-size: 1.05rem; margin: 0; flex: 1 1 8rem; overflow-wrap: anywhere; }
    .title button { white-space: nowrap; }
    .back { display: none; }
    /* On a phone the actions live in the details drawer, leaving the messages room. */
    @media (max-width: 767px) { .back { display: inline-block; } header { padding: 0.4rem 0.75rem; } cc-thread-actions { display: none; } }
    @media (min-width: 1200px) { .details { display: none; } }
    .notify-failed { margin: 0; color: var(--cc-danger); font-size: 0.9rem; }
    .summary { color: var(--cc-muted); font-size: 0.85rem; }
    cc-message-list { flex: 1; }
    .typing { min-height: 1.4rem; margin: 0; padding: 0 1rem; font-size: 0.85rem; color: var(--cc-muted); }
    .read-only { margin: 0; padding: 0.75rem 1rem; border-top: 1px solid var(--cc-border); background: var(--cc-surface); color: var(--cc-muted); }
    .empty { display: grid; place-items: center; height: 100%; color: var(--cc-muted); }
    .error { color: var(--cc-danger); padding: 0 1rem; }
  `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.#lifetime = new AbortController();
    // Coming back to the tab counts as reading what arrived meanwhile.
    document.addEventListener('visibilitychange', () => this.requestUpdate(), { signal: this.#lifetime.signal });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#lifetime?.abort();
  }

  override willUpdate(): void {
    const ws = this.workspace;
    this.#conversationChanges.target = this.threadId ? ws.conversation(this.threadId) : undefined;
    this.#inboxChanges.target = ws.inbox;
    this.#typingChanges.target = ws.typing;
    this.#outboxChanges.target = ws.outbox;
    this.#workspaceChanges.target = ws;
  }

  override updated(): void {
    const store = this.#store;
    if (this.threadId && store?.state === 'ready' && document.visibilityState === 'visible') {
      this.workspace.markRead(this.threadId);
    }
  }

  /**
   * Writing advice (issue 13 §2) in a complaint, or in every conversation when the owner
   * chose so; "first reply" until a staff member has written to the patient.
   */
  #guidance(): GuidanceOptions | null {
    const thread = this.threadId ? this.workspace.inbox.thread(this.threadId) : undefined;
    const settings = this.workspace.reviews.settings?.guidance;
    if (!thread || !(thread.complaint || settings?.everyThread)) return null;
    const messages = this.#store?.messages ?? [];
    return { firstReply: !messages.some((m) => m.type === 'text' && m.author.kind === 'staff'), off: settings?.off, jargon: settings?.jargon };
  }

  get #store(): ConversationStore | undefined {
    return this.threadId ? this.workspace.conversation(this.threadId) : undefined;
  }

  override render() {
    const ws = this.workspace;
    const threadId = this.threadId;
    const store = this.#store;
    if (!threadId || !store) return html`<p class="empty">${t('conversation.none')}</p>`;
    if (ws.inbox.isGone(threadId)) return html`<p class="empty" role="status">${t('conversation.gone')}</p>`;
    const thread = ws.inbox.thread(threadId);
    if (thread?.complaint || thread?.review || ws.reviews.settings?.guidance.everyThread) void import('./complaint-tools.ts');
    const patientName = thread?.patient.displayName ?? '';
    const held = new Set(store.messages.map((m) => (m.type === 'system' ? '' : m.clientId)));
    const pending = ws.outbox.entriesOf(threadId).filter((entry) => !held.has(entry.clientId));
    return html`
      <header>
        <div class="title">
          <button class="back" aria-label=${t('layout.back')} @click=${this.#back}>← ${t('layout.backShort')}</button>
          <h2 tabindex="-1"><bdi>${patientName}</bdi></h2>
          <button class="details" aria-expanded=${this.detailsOpen ? 'true' : 'false'} @click=${this.#toggleDetails}>${t('layout.details')}</button>
        </div>
        ${
          thread
            ? html`<div class="summary">
          ${t(`status.${thread.status}`)} ·
          ${thread.assignee ? t('inbox.assignedTo', { name: thread.assignee.name }) : t('inbox.unassigned')}
          ${thread.complaint ? html` · ${t('inbox.complaint')}` : nothing}
        </div>`
            : nothing
        }
        ${
          thread?.notificationFailed
            ? html`<p class="notify-failed" role="status">
          <strong>${t('notify.failed')}</strong> — ${t('notify.failedHint')}</p>`
            : nothing
        }
        ${ws.canWrite && thread ? html`<cc-thread-actions .workspace=${ws} .thread=${thread}></cc-thread-actions>` : nothing}
        ${thread ? html`<cc-complaint-progress .workspace=${ws} .thread=${thread}></cc-complaint-progress>` : nothing}
      </header>
      ${store.state === 'failed' ? html`<p class="error" role="alert">${t('conversation.loadFailed')} ${store.error ? errorReason(store.error) : ''}</p>` : nothing}
      <cc-message-list
        .threadId=${threadId}
        .messages=${store.messages}
        .pending=${pending}
        .me=${ws.myId}
        .patientName=${patientName}
        .patientReadUpTo=${thread?.read.patient ?? null}
        .hasOlder=${store.hasOlder}
        .target=${ws.jumpTarget}
        .loadingOlder=${store.loadingOlder}
        .loading=${store.state === 'loading'}
        .fileUrl=${this.#fileUrl}
        @load-older=${() => void store.loadOlder()}
        @outbox-action=${this.#outboxAction}
        @cc-booking-decide=${this.#bookingDecide}
      ></cc-message-list>
      <p class="typing" aria-live="polite">${this.#typingText(patientName)}</p>
      ${
        ws.canWrite
          ? html`<cc-composer .threadId=${threadId} .answers=${ws.answers} .guidance=${this.#guidance()} @compose-send=${this.#send} @compose-typing=${this.#typing}></cc-composer>`
          : html`<p class="read-only">${t('conversation.readOnly')}</p>`
      }
    `;
  }

  /** R and N: the composer on that tab, focused (nothing for a read-only role). */
  compose(mode: ComposeMode): void {
    const composer = this.renderRoot.querySelector('cc-composer');
    composer?.setMode(mode);
    void composer?.updateComplete.then(() => composer.focus());
  }

  focusHeading(): void {
    this.renderRoot.querySelector('h2')?.focus();
  }

  focusDetailsToggle(): void {
    this.renderRoot.querySelector<HTMLElement>('.details')?.focus();
  }

  #back(): void {
    this.dispatchEvent(new CustomEvent('conversation-back', { bubbles: true, composed: true }));
  }

  #toggleDetails(): void {
    this.dispatchEvent(new CustomEvent('toggle-details', { bubbles: true, composed: true }));
  }

  #typingText(patientName: string): string {
    if (!this.threadId) return '';
    return this.workspace.typing
      .typists(this.threadId)
      .map((typist) =>
        typist.side === 'patient' ? t('conversation.typingPatient', { name: patientName }) : t('conversation.typingStaff', { name: typist.staff?.name ?? '' }),
      )
      .join(' ');
  }

  #send(event: CustomEvent<ComposeDetail>): void {
    const { threadId, text, private: isPrivate, attachments } = event.detail;
    this.workspace.send(threadId, text, isPrivate, attachments);
  }

  /** One function for the list's lifetime, so the files it shows are not asked for again on every render. */
  #fileUrl: FileUrl = (threadId, attachmentId, variant) => this.workspace.fileUrl(threadId, attachmentId, variant);

  /** A booking card's Confirm or Decline (booking-card.ts), run with this view's workspace. */
  #bookingDecide = (event: CustomEvent<BookingDecide>) => {
    event.preventDefault();
    void event.detail(this.workspace);
  };

  #typing(event: CustomEvent<TypingDetail>): void {
    this.workspace.sendTyping(event.detail.threadId, event.detail.typing);
  }

  #outboxAction(event: CustomEvent<{ action: 'retry' | 'discard'; clientId: ClientMessageId }>): void {
    const { action, clientId } = event.detail;
    if (action === 'retry') this.workspace.outbox.retry(clientId);
    else this.workspace.outbox.discard(clientId);
  }
}

customElements.define('cc-conversation', ConversationView);

declare global {
  interface HTMLElementTagNameMap {
    'cc-conversation': ConversationView;
  }
}
