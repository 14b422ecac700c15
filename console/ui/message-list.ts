import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { compareStreamIds } from '../../protocol/stream-ids.ts';
import type { StaffId, StreamId, ThreadId } from '../../protocol/ids.ts';
import type { Message } from '../../protocol/model.ts';
import { t } from '../i18n/index.ts';
import type { OutboxEntry } from '../state/outbox.ts';
import { errorReason } from './format.ts';
import { bookingOutcomes, renderMessage } from './message-item.ts';
import type { FileUrl } from '../../widget/attach/attachment-list.ts';
import { linkedText } from '../../widget/element/linked-text.ts';
import { theme } from './theme.ts';

/** Within this many pixels of an edge counts as being at it. */
const EDGE_PX = 120;

/**
 * The scrolling history of one conversation. Stays pinned to the newest message while
 * the reader is at the bottom, keeps the reader's place when older pages arrive above,
 * and asks for the next older page (`load-older`) when scrolled near the top.
 */
export class MessageList extends LitElement {
  static override properties = {
    threadId: { attribute: false },
    messages: { attribute: false },
    pending: { attribute: false },
    me: { attribute: false },
    patientName: { attribute: false },
    patientReadUpTo: { attribute: false },
    hasOlder: { attribute: false },
    target: { attribute: false },
    loadingOlder: { attribute: false },
    loading: { attribute: false },
    fileUrl: { attribute: false },
  };

  declare threadId: ThreadId | null;
  declare messages: readonly Message[];
  declare pending: readonly OutboxEntry[];
  declare me: StaffId;
  declare patientName: string;
  declare patientReadUpTo: StreamId | null;
  declare hasOlder: boolean;
  /** A message to show (a search hit) rather than the newest. */
  declare target: StreamId | null;
  /** The target already scrolled to, so later renders follow the conversation again. */
  #shown: StreamId | null = null;
  declare loadingOlder: boolean;
  declare loading: boolean;
  /** Signed URLs of the messages' files. */
  declare fileUrl: FileUrl | null;

  #atBottom = true;
  #heightBefore = 0;
  #prepended = false;

  constructor() {
    super();
    this.threadId = null;
    this.messages = [];
    this.pending = [];
    this.patientName = '';
    this.patientReadUpTo = null;
    this.hasOlder = false;
    this.target = null;
    this.loadingOlder = false;
    this.loading = false;
    this.fileUrl = null;
  }

  static override styles = [
    theme,
    css`
    :host { display: block; min-height: 0; }
    .scroller { height: 100%; overflow-y: auto; padding: 0.75rem 1rem; }
    ol { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.5rem; }
    .message { max-width: min(40rem, 85%); padding: 0.45rem 0.7rem; border-radius: var(--cc-radius); background: var(--cc-surface); border: 1px solid var(--cc-border); }
    .message.staff { align-self: flex-end; background: #e8f1fb; border-color: #b8d0ea; }
    .message.note { background: var(--cc-note); border: 1px dashed var(--cc-note-border); }
    .meta { font-size: 0.8rem; color: var(--cc-muted); }
    .author { font-weight: 600; color: var(--cc-text); }
    .note-label { color: #5c4500; }
    .text { margin: 0.2rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
    .system { align-self: center; font-size: 0.8rem; color: var(--cc-muted); font-style: italic; }
    .seen { font-size: 0.75rem; color: var(--cc-muted); text-align: right; margin-top: 0.2rem; }
    .pending { opacity: 0.75; }
    .failed { opacity: 1; border-color: var(--cc-danger); }
    .failed .state { color: var(--cc-danger); }
    .target { outline: 3px solid var(--cc-accent); }
    .edge { text-align: center; color: var(--cc-muted); font-size: 0.85rem; margin: 0 0 0.5rem; }
  `,
  ];

  override willUpdate(changed: PropertyValues<this>): void {
    const scroller = this.#scroller;
    if (!scroller) return;
    this.#atBottom = changed.has('threadId') || scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < EDGE_PX;
    const before = changed.get('messages') as readonly Message[] | undefined;
    const oldFirst = before?.[0]?.id;
    const newFirst = this.messages[0]?.id;
    this.#prepended =
      !changed.has('threadId') && !!oldFirst && !!newFirst && compareStreamIds(newFirst, oldFirst) < 0 && this.messages.some((m) => m.id === oldFirst);
    this.#heightBefore = scroller.scrollHeight;
  }

  override updated(): void {
    const scroller = this.#scroller;
    if (!scroller) return;
    const target = this.target ? this.renderRoot.querySelector<HTMLElement>(`[data-id="${this.target}"]`) : null;
    if (target && this.#shown !== this.target) {
      // A search hit: show that message instead of the newest, once.
      this.#shown = this.target;
      target.scrollIntoView({ block: 'center' });
      target.focus({ preventScroll: true });
      return;
    }
    if (this.#prepended) scroller.scrollTop += scroller.scrollHeight - this.#heightBefore;
    else if (this.#atBottom) scroller.scrollTop = scroller.scrollHeight;
    this.#prepended = false;
    // A short first page does not fill the view, so no scroll could ever ask for more.
    if (scroller.scrollHeight <= scroller.clientHeight) this.#maybeLoadOlder();
  }

  override render() {
    const seenId = this.#seenMessageId();
    const outcomes = bookingOutcomes(this.messages);
    return html`<div class="scroller" @scroll=${this.#onScroll}>
      ${
        this.hasOlder
          ? html`<p class="edge"><button ?disabled=${this.loadingOlder} @click=${this.#requestOlder}>${t('conversation.loadOlder')}</button></p>`
          : this.loading
            ? html`<p class="edge" role="status">${t('conversation.loading')}</p>`
            : html`<p class="edge">${t('conversation.beginning')}</p>`
      }
      <div role="log" aria-label=${t('conversation.messages')}><ol>
        ${repeat(
          this.messages,
          (m) => m.id,
          (m) =>
            renderMessage(m, {
              me: this.me,
              patientName: this.patientName,
              fileUrl: this.fileUrl,
              seen: m.id === seenId,
              target: m.id === this.target,
              outcome: outcomes.get(m.id),
            }),
        )}
        ${repeat(
          this.pending,
          (entry) => entry.clientId,
          (entry) => this.#pendingItem(entry),
        )}
      </ol></div>
    </div>`;
  }

  #pendingItem(entry: OutboxEntry) {
    return html`<li class="message staff mine pending ${entry.private ? 'note' : ''} ${entry.failed ? 'failed' : ''}">
      <div class="meta">
        ${entry.private ? html`<strong class="note-label">${t('message.privateNote')}</strong> · ` : nothing}
        <span class="author">${t('message.you')}</span> ·
        <span class="state">${entry.failed ? t('message.failed', { reason: errorReason(entry.failed) }) : t('message.sending')}</span>
      </div>
      <p class="text">${linkedText(entry.text)}</p>
      ${
        entry.failed
          ? html`<div>
        <button @click=${() => this.#outboxAction('retry', entry)}>${t('message.retry')}</button>
        <button @click=${() => this.#outboxAction('discard', entry)}>${t('message.discard')}</button>
      </div>`
          : nothing
      }
    </li>`;
  }

  /** The newest staff reply the patient has read: where "seen" goes. */
  #seenMessageId(): StreamId | null {
    const upTo = this.patientReadUpTo;
    if (!upTo) return null;
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const m = this.messages[i]!;
      if (m.type === 'text' && m.author.kind === 'staff' && compareStreamIds(m.id, upTo) <= 0) return m.id;
    }
    return null;
  }

  get #scroller(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.scroller');
  }

  #onScroll(): void {
    if ((this.#scroller?.scrollTop ?? Infinity) < EDGE_PX) this.#maybeLoadOlder();
  }

  #maybeLoadOlder(): void {
    if (this.hasOlder && !this.loadingOlder && !this.loading) this.#requestOlder();
  }

  #requestOlder(): void {
    this.dispatchEvent(new CustomEvent('load-older'));
  }

  #outboxAction(action: 'retry' | 'discard', entry: OutboxEntry): void {
    this.dispatchEvent(new CustomEvent('outbox-action', { detail: { action, clientId: entry.clientId } }));
  }
}

customElements.define('cc-message-list', MessageList);

declare global {
  interface HTMLElementTagNameMap {
    'cc-message-list': MessageList;
  }
}
