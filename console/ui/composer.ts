import type { GuidanceOptions } from '../../protocol/writing-guidance.ts';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { LIMITS } from '../../protocol/limits.ts';
import { messageTextProblem } from '../../protocol/message-text.ts';
import type { AttachmentRef } from '../../protocol/attachments.ts';
import type { ThreadId } from '../../protocol/ids.ts';
import type { ReadyAnswer } from '../../protocol/requests.ts';
import type { ReadyAnswers } from '../state/ready-answers.ts';
import { TypingAnnouncer } from '../../widget/client/presence.ts';
import { t } from '../i18n/index.ts';
import { theme } from './theme.ts';
import { asClientError } from '../../widget/client/client-core.ts';
import { errorReason } from './format.ts';
import { AttachedFiles, attachButtonStyles } from './attached-files.ts';

export interface TypingDetail {
  threadId: ThreadId;
  typing: boolean;
}

export interface ComposeDetail {
  threadId: ThreadId;
  text: string;
  private: boolean;
  /** Uploaded files the message carries; with any, the text may be empty. */
  attachments: AttachmentRef[];
}

/** What the composer writes: a reply the patient reads, or a note only staff see. */
export type ComposeMode = 'reply' | 'note';
const MODES: readonly ComposeMode[] = ['reply', 'note'];

/**
 * The reply box. Enter sends, Shift+Enter starts a new line. Two tabs, Reply and Private
 * note, pick what the next message is; a note has its own colour, border and banner, and
 * after a note is sent the tab returns to Reply, so a note never outlives its one message
 * and the next reply reaches the patient. Drafts are kept per conversation.
 * Typing `/` opens the clinic's ready answers, filtered by what follows; Enter or Tab
 * puts the chosen answer's text in place of the `/query`.
 * "Attach file" (or a paste, or a drop) puts files in the tray above the box, uploading at
 * once (the widget's tray, attachments.ts, through attached-files.ts); the message carries
 * those uploaded when sent.
 * Fires `compose-send` (ComposeDetail) and `compose-typing` (TypingDetail).
 * Past 300 lines because the one template and the keys it binds belong together; the
 * files (attached-files.ts) and answer search (state/ready-answers.ts) live apart.
 */
export class Composer extends LitElement {
  static override properties = {
    threadId: { attribute: false },
    answers: { attribute: false },
    guidance: { attribute: false },
    _text: { state: true },
    _mode: { state: true },
    _suggestions: { state: true },
    _active: { state: true },
    _answerProblem: { state: true },
  };

  declare threadId: ThreadId | null;
  declare answers: ReadyAnswers | null;
  /** Writing advice (issue 13 §2) for this conversation, or null for none. */
  declare guidance: GuidanceOptions | null;
  declare _text: string;
  declare _mode: ComposeMode;
  declare _suggestions: readonly ReadyAnswer[];
  declare _active: number;
  /** Why the chosen ready answer could not be made ready, or ''. */
  declare _answerProblem: string;

  /** Where the `/query` being completed sits in the text. */
  #slash: { start: number; end: number } | null = null;
  #caretAfterUpdate: number | null = null;

  readonly #drafts = new Map<ThreadId, string>();
  readonly #files = new AttachedFiles(
    () => this.renderRoot,
    () => (this.threadId ? { relay: location.origin, threadId: this.threadId } : null),
  );
  /** "typing" and "stopped" as events, on the timings every client shares. */
  readonly #typing = new TypingAnnouncer((threadId, typing) => {
    this.dispatchEvent(new CustomEvent<TypingDetail>('compose-typing', { detail: { threadId, typing } }));
  });

  constructor() {
    super();
    this.threadId = null;
    this.answers = null;
    this.guidance = null;
    this._text = '';
    this._mode = 'reply';
    this._suggestions = [];
    this._active = 0;
    this._answerProblem = '';
  }

  static override styles = [
    theme,
    attachButtonStyles,
    css`
    :host { display: block; border-top: 1px solid var(--cc-border); background: var(--cc-surface); }
    form { position: relative; display: grid; grid-template-columns: 1fr auto; gap: 0.4rem 0.5rem; padding: 0.6rem 1rem; }
    [role='listbox'] {
      position: absolute; left: 1rem; right: 1rem; bottom: calc(100% - 0.4rem); margin: 0; padding: 0.25rem 0; list-style: none;
      background: var(--cc-surface); border: 1px solid var(--cc-border); border-radius: var(--cc-radius);
      box-shadow: 0 4px 16px rgb(0 0 0 / 0.12); max-height: 16rem; overflow-y: auto;
    }
    [role='option'] { padding: 0.35rem 0.75rem; cursor: pointer; display: flex; gap: 0.75rem; }
    [role='option'][aria-selected='true'] { background: var(--cc-selected); }
    .shortcut { font-family: ui-monospace, monospace; color: var(--cc-accent); }
    [role='tablist'] { display: flex; gap: 0.25rem; padding: 0.4rem 1rem 0; }
    [role='tab'] { border-bottom-left-radius: 0; border-bottom-right-radius: 0; border-bottom: 0; min-height: 2.25rem; }
    [role='tab'][aria-selected='true'] { font-weight: 600; border-color: var(--cc-accent); box-shadow: inset 0 3px 0 var(--cc-accent); }
    #tab-note[aria-selected='true'] { background: var(--cc-note); border-color: var(--cc-note-border); box-shadow: inset 0 3px 0 var(--cc-note-border); }
    form.private { background: var(--cc-note); box-shadow: inset 4px 0 0 var(--cc-note-border); }
    .banner { grid-column: 1 / -1; margin: 0; font-weight: 600; color: #5c4500; }
    textarea {
      grid-column: 1 / -1; font: inherit; resize: vertical; min-height: 3.2rem; max-height: 40vh;
      padding: 0.45rem 0.6rem; border: 1px solid #8a96a3; border-radius: 6px; background: var(--cc-surface);
    }
    form.private textarea { border: 2px dashed var(--cc-note-border); background: #fffdf3; }
    .options { display: flex; align-items: center; gap: 0.75rem; font-size: 0.9rem; }
    .error { color: var(--cc-danger); }
    cc-attach-tray { grid-column: 1 / -1; }
  `,
  ];

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('threadId')) {
      const previous = changed.get('threadId') as ThreadId | null | undefined;
      if (previous) {
        this.#drafts.set(previous, this._text);
        this.#typing.stop();
      }
      this._text = this.threadId ? (this.#drafts.get(this.threadId) ?? '') : '';
      this._mode = 'reply';
      this.#closeSuggestions();
    }
  }

  override updated(): void {
    if (this.#caretAfterUpdate === null) return;
    const textarea = this.renderRoot.querySelector('textarea');
    textarea?.focus();
    textarea?.setSelectionRange(this.#caretAfterUpdate, this.#caretAfterUpdate);
    this.#caretAfterUpdate = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#typing.stop();
  }

  override render() {
    const over = this._text.trim().length - LIMITS.messageTextMax;
    const open = this._suggestions.length > 0;
    const note = this._mode === 'note';
    return html`<div role="tablist" aria-label=${t('composer.mode')} @keydown=${this.#tabKey}>
        ${MODES.map(
          (mode) => html`<button type="button" role="tab" id="tab-${mode}" aria-controls="compose"
            aria-selected=${this._mode === mode ? 'true' : 'false'} tabindex=${this._mode === mode ? 0 : -1}
            @click=${() => this.setMode(mode)}>${t(mode === 'note' ? 'composer.private' : 'composer.reply')}</button>`,
        )}
      </div>
      <form id="compose" role="tabpanel" aria-labelledby="tab-${this._mode}" class=${note ? 'private' : ''} @submit=${this.#submit}
        @dragover=${(event: DragEvent) => event.preventDefault()} @drop=${this.#files.dropped}>
      <cc-attach-tray .target=${this.#files.target}></cc-attach-tray>
      ${note ? html`<p id="private-hint" class="banner">${t('composer.privateHint')}</p>` : nothing}
      <label class="visually-hidden" for="reply">${t('composer.reply')}</label>
      ${
        open
          ? html`<ul id="answers" role="listbox" aria-label=${t('composer.answers')}>
        ${this._suggestions.map(
          (answer, index) => html`<li id="answer-${index}" role="option"
          aria-selected=${index === this._active ? 'true' : 'false'}
          @mousedown=${(event: MouseEvent) => {
            event.preventDefault();
            this.#insert(answer);
          }}>
          <span class="shortcut">/${answer.shortcut}</span><span>${answer.title}</span>
        </li>`,
        )}
      </ul>`
          : nothing
      }
      <textarea id="reply" .value=${this._text} @input=${this.#input} @keydown=${this.#keydown}
        @blur=${this.#closeSuggestions} @click=${this.#findSlash}
        aria-autocomplete=${this.answers ? 'list' : nothing}
        aria-controls=${open ? 'answers' : nothing}
        aria-activedescendant=${open ? `answer-${this._active}` : nothing}
        aria-describedby=${note ? 'private-hint' : nothing}
        @paste=${this.#files.pasted}></textarea>
      ${this.guidance && !note ? html`<cc-writing-advice .text=${this._text} .options=${this.guidance}></cc-writing-advice>` : nothing}
      <div class="options">
        ${this.#files.button()}
        ${over > 0 ? html`<span class="error" role="alert">${t('composer.tooLong', { count: over })}</span>` : nothing}
        ${this._answerProblem ? html`<span class="error" role="alert">${this._answerProblem}</span>` : nothing}
      </div>
      <button class="primary" type="submit">${t('composer.send')}</button>
    </form>`;
  }

  override focus(): void {
    this.renderRoot.querySelector('textarea')?.focus();
  }

  /** Switches between a reply and a private note (the tabs, or the R and N keys). */
  setMode(mode: ComposeMode): void {
    this._mode = mode;
    if (mode === 'note') this.#typing.stop();
  }

  /** Arrow keys move between the two tabs, as in any tab list. */
  #tabKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    this.setMode(this._mode === 'reply' ? 'note' : 'reply');
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this._mode}`)?.focus());
  }

  #input(event: InputEvent): void {
    const textarea = event.target as HTMLTextAreaElement;
    this._text = textarea.value;
    this.#findSlash();
    if (this._mode === 'reply' && this.threadId) this.#typing.typed(this.threadId);
  }

  #keydown(event: KeyboardEvent): void {
    if (event.isComposing) return;
    if (this._suggestions.length > 0 && this.#suggestionKey(event)) {
      event.preventDefault();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey) return;
    event.preventDefault();
    this.#send();
  }

  /** Handles a key meant for the open suggestions; false when the key is not theirs. */
  #suggestionKey(event: KeyboardEvent): boolean {
    const count = this._suggestions.length;
    switch (event.key) {
      case 'ArrowDown':
        this._active = (this._active + 1) % count;
        return true;
      case 'ArrowUp':
        this._active = (this._active - 1 + count) % count;
        return true;
      case 'Enter':
      case 'Tab': {
        if (event.shiftKey) return false;
        const answer = this._suggestions[this._active];
        if (answer) this.#insert(answer);
        return true;
      }
      case 'Escape':
        this.#closeSuggestions();
        return true;
      default:
        return false;
    }
  }

  /** Opens, narrows or closes the ready answers from the `/word` just before the caret. */
  #findSlash(): void {
    const textarea = this.renderRoot.querySelector('textarea');
    if (!this.answers || !textarea || textarea.selectionStart !== textarea.selectionEnd) return this.#closeSuggestions();
    const caret = textarea.selectionStart;
    const match = /(?:^|\s)\/([^\s/]*)$/.exec(textarea.value.slice(0, caret));
    if (!match) return this.#closeSuggestions();
    const query = match[1] ?? '';
    this.#slash = { start: caret - query.length - 1, end: caret };
    this._suggestions = this.answers.search(query);
    this._active = 0;
  }

  /** Puts the answer (`{name}` filled in) in place of the `/query`, and its files in the tray. */
  #insert(answer: ReadyAnswer): void {
    const slash = this.#slash;
    const threadId = this.threadId;
    if (!slash || !threadId || !this.answers) return;
    this.#closeSuggestions();
    this._answerProblem = '';
    this.answers.use(threadId, answer).then(
      ({ text, attachments }) => {
        // Another conversation by now: this one's draft is not the text the slash was in.
        if (this.threadId !== threadId) return;
        this._text = this._text.slice(0, slash.start) + text + this._text.slice(slash.end);
        this.#caretAfterUpdate = slash.start + text.length;
        if (attachments.length > 0) this.#files.addUploaded(attachments);
      },
      (error: unknown) => {
        this._answerProblem = t('actions.failed', { reason: errorReason(asClientError(error).code) });
      },
    );
  }

  #closeSuggestions(): void {
    this.#slash = null;
    if (this._suggestions.length > 0) this._suggestions = [];
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    this.#send();
  }

  #send(): void {
    const text = this._text.trim();
    const threadId = this.threadId;
    const attachments = this.#files.ready();
    if (!threadId || !attachments || messageTextProblem(text, attachments.length)) return;
    this.#typing.stop();
    this.#files.clear();
    this.dispatchEvent(new CustomEvent<ComposeDetail>('compose-send', { detail: { threadId, text, private: this._mode === 'note', attachments } }));
    this._text = '';
    this._mode = 'reply';
    this.#drafts.delete(threadId);
  }
}

customElements.define('cc-composer', Composer);

declare global {
  interface HTMLElementTagNameMap {
    'cc-composer': Composer;
  }
}
