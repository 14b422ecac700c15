/**
 * A member's own photo (issue 13 §3, R1), in a lazy chunk fetched from the header's "My
 * photo": patients see it beside the member's name when they answer. Upload or remove; the
 * relay makes a small square without metadata (api/staff-photo.ts). Opens itself when connected.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { StaffId } from '../../protocol/ids.ts';
import { setStaffPhoto, staffPhotoSrc } from '../api/staff-photo.ts';
import { t } from '../i18n/index.ts';
import '../i18n/people-words.ts';
import { ActionTask } from './action-task.ts';
import { dialogStyles } from './dialog-styles.ts';
import { refusal } from './format.ts';
import { theme } from './theme.ts';

export class MyPhotoDialog extends LitElement {
  static override properties = {
    staffId: { attribute: false },
    _version: { state: true },
  };

  declare staffId: StaffId;
  /** Bumped by each change, so the picture is fetched again. */
  declare _version: number;
  readonly #action = new ActionTask(this);

  constructor() {
    super();
    this._version = 0;
  }

  static override styles = [
    theme,
    dialogStyles,
    css`
    dialog { width: min(24rem, 94vw); }
    img { display: block; width: 96px; height: 96px; margin: 0.75rem 0; border-radius: 50%; object-fit: cover; background: var(--cc-background); }
    .upload { display: inline-block; font-weight: 400; border: 1px solid var(--cc-border); border-radius: 6px; padding: 0.35rem 0.75rem; cursor: pointer; }
    .upload:focus-within { outline: 2px solid var(--cc-accent, #1d4ed8); }
    .upload input { position: absolute; opacity: 0; width: 1px; height: 1px; }
  `,
  ];

  override firstUpdated(): void {
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  override render() {
    const busy = this.#action.busy;
    return html`<dialog aria-labelledby="photo-heading" @close=${() => this.dispatchEvent(new CustomEvent('my-photo-closed'))}>
      <div class="top">
        <h2 id="photo-heading">${t('profile.mineHeading')}</h2>
        <button @click=${() => this.renderRoot.querySelector('dialog')?.close()}>${t('profile.close')}</button>
      </div>
      <p class="hint">${t('profile.mineHint')}</p>
      <img src=${staffPhotoSrc(this.staffId, this._version)} alt=${t('profile.mineAlt')} />
      <div class="actions">
        <label class="upload">${t('profile.mineUpload')}<input type="file" accept="image/*" ?disabled=${busy} @change=${this.#upload} /></label>
        <button ?disabled=${busy} @click=${() => void this.#set(null)}>${t('profile.mineRemove')}</button>
      </div>
      <p class="error" role="alert">${this.#action.error ? refusal(this.#action.error) : nothing}</p>
    </dialog>`;
  }

  #upload = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.#set(file);
  };

  async #set(file: File | null): Promise<void> {
    if (await this.#action.run(() => setStaffPhoto(this.staffId, file))) this._version++;
  }
}

customElements.define('cc-my-photo', MyPhotoDialog);

declare global {
  interface HTMLElementTagNameMap {
    'cc-my-photo': MyPhotoDialog;
  }
}
