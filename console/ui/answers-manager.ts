import { LitElement, css, html, nothing } from 'lit';
import type { ReadyAnswer } from '../../protocol/requests.ts';
import { ID_PATTERNS } from '../../protocol/limits.ts';
import { asClientError } from '../../widget/client/client-core.ts';
import { t } from '../i18n/index.ts';
import '../i18n/answers-words.ts';
import type { ReadyAnswers } from '../state/ready-answers.ts';
import { errorReason } from './format.ts';
import { ActionTask } from './action-task.ts';
import { StoreController } from './store-controller.ts';
import { theme } from './theme.ts';
import { AttachedFiles, attachButtonStyles } from './attached-files.ts';

/**
 * A button that opens the clinic's ready answers in a modal dialog, to add, edit and
 * delete them (owner and administrators; the relay enforces it).
 */
export class AnswersManager extends LitElement {
  static override properties = {
    answers: { attribute: false },
    _editing: { state: true },
  };

  declare answers: ReadyAnswers;
  /** The answer being edited, or null for a new one. */
  declare _editing: ReadyAnswer | null;
  readonly #answerChanges = new StoreController(this);
  /** Loading, saving or deleting; a refusal is shown, never thrown. */
  readonly #action = new ActionTask(this);
  /** The answer's files: the edited answer's, and new ones uploaded to the clinic's answers. */
  readonly #files = new AttachedFiles(
    () => this.renderRoot,
    () => ({ relay: location.origin, scope: 'answers' }),
  );

  constructor() {
    super();
    this._editing = null;
  }

  static override styles = [
    theme,
    attachButtonStyles,
    css`
    dialog { width: min(40rem, 94vw); max-height: 90vh; border: 1px solid var(--cc-border); border-radius: var(--cc-radius); padding: 1rem 1.25rem; }
    dialog::backdrop { background: rgb(0 0 0 / 0.3); }
    .top { display: flex; justify-content: space-between; align-items: center; }
    h2 { font-size: 1.1rem; margin: 0; }
    h3 { font-size: 1rem; margin: 1rem 0 0.5rem; }
    ul { list-style: none; margin: 0.75rem 0; padding: 0; display: grid; gap: 0.5rem; }
    li { display: grid; grid-template-columns: 1fr auto; gap: 0.2rem 0.5rem; padding: 0.5rem; border: 1px solid var(--cc-border); border-radius: 6px; }
    .shortcut { font-family: ui-monospace, monospace; color: var(--cc-accent); }
    .text { grid-column: 1; color: var(--cc-muted); font-size: 0.9rem; white-space: pre-wrap; overflow-wrap: anywhere; }
    .buttons { grid-row: 1 / span 2; grid-column: 2; display: flex; gap: 0.35rem; align-items: start; }
    form { display: grid; gap: 0.35rem; }
    label { font-weight: 600; font-size: 0.9rem; }
    input, textarea { font: inherit; padding: 0.4rem 0.55rem; border: 1px solid #8a96a3; border-radius: 6px; }
    textarea { min-height: 5rem; resize: vertical; }
    .actions { display: flex; gap: 0.5rem; margin-top: 0.25rem; }
    .error { color: var(--cc-danger); margin: 0; }
  `,
  ];

  override willUpdate(): void {
    this.#answerChanges.target = this.answers;
  }

  override render() {
    const editing = this._editing;
    return html`
      <button @click=${this.#open}>${t('answers.manage')}</button>
      <dialog aria-labelledby="answers-heading" @close=${this.#closed}>
        <div class="top">
          <h2 id="answers-heading">${t('composer.answers')}</h2>
          <button @click=${this.#close}>${t('answers.close')}</button>
        </div>
        ${
          this.answers.list.length === 0
            ? html`<p>${t('answers.empty')}</p>`
            : html`<ul aria-label=${t('composer.answers')}>
          ${this.answers.list.map(
            (answer) => html`<li>
            <span><span class="shortcut">/${answer.shortcut}</span> ${answer.title}</span>
            <span class="text">${answer.text}</span>
            ${answer.attachments?.length ? html`<span class="text">${answer.attachments.map((file) => file.name).join(', ')}</span>` : nothing}
            <span class="buttons">
              <button aria-label=${t('answers.editOne', { shortcut: answer.shortcut })} @click=${() => this.#edit(answer)}>${t('answers.edit')}</button>
              <button aria-label=${t('answers.deleteOne', { shortcut: answer.shortcut })} ?disabled=${this.#action.busy} @click=${() => void this.#remove(answer)}>${t('answers.delete')}</button>
            </span>
          </li>`,
          )}
        </ul>`
        }
        <h3>${editing ? t('answers.editing', { shortcut: editing.shortcut }) : t('answers.new')}</h3>
        <form @submit=${this.#save}>
          <label for="shortcut">${t('answers.shortcut')}</label>
          <input id="shortcut" name="shortcut" required pattern=${ID_PATTERNS.answerShortcut} maxlength="32" .value=${editing?.shortcut ?? ''}>
          <label for="title">${t('answers.title')}</label>
          <input id="title" name="title" required maxlength="200" .value=${editing?.title ?? ''}>
          <label for="text">${t('answers.text')}</label>
          <textarea id="text" name="text" required .value=${editing?.text ?? ''}></textarea>
          <cc-attach-tray .target=${this.#files.target}></cc-attach-tray>
          ${this.#files.button()}
          <p class="error" role="alert">${this.#action.error ? t('actions.failed', { reason: errorReason(asClientError(this.#action.error).code) }) : nothing}</p>
          <div class="actions">
            <button class="primary" type="submit" ?disabled=${this.#action.busy}>${t('answers.save')}</button>
            ${editing ? html`<button type="button" @click=${this.#reset}>${t('answers.cancel')}</button>` : nothing}
          </div>
        </form>
      </dialog>`;
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  #open(): void {
    this.#dialog?.showModal();
    void this.#action.run(() => this.answers.refresh());
  }

  #close(): void {
    this.#dialog?.close();
  }

  #closed(): void {
    this.#reset();
    this.#action.clear();
  }

  #reset(): void {
    this._editing = null;
    this.renderRoot.querySelector('form')?.reset();
    this.#files.clear();
  }

  #edit(answer: ReadyAnswer): void {
    this._editing = answer;
    this.#action.clear();
    this.#files.replace(answer.attachments ?? []);
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? '').trim();
    // Still uploading: the tray says so. Its code not here yet: the edited answer keeps its files.
    const files = this.#files.ready(this._editing?.attachments ?? []);
    if (!files) return;
    await this.#action.run(async () => {
      await this.answers.save({
        ...(this._editing ? { id: this._editing.id } : {}),
        shortcut: field('shortcut'),
        title: field('title'),
        text: field('text'),
        attachments: files.map((file) => file.id),
      });
      this.#reset();
    });
  }

  async #remove(answer: ReadyAnswer): Promise<void> {
    await this.#action.run(async () => {
      await this.answers.remove(answer.id);
      if (this._editing?.id === answer.id) this.#reset();
    });
  }
}

customElements.define('cc-answers-manager', AnswersManager);

declare global {
  interface HTMLElementTagNameMap {
    'cc-answers-manager': AnswersManager;
  }
}
