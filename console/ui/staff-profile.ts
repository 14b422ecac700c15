/**
 * One member's profile in the owner's staff dialog (issue 13 §3, R1): their photo (upload
 * or remove; the relay makes a small square without metadata), the name patients see, and
 * for a doctor the specialty on the doctor's card and the switch that offers them to patients.
 * The photo is sent over HTTP (api/staff-photo.ts); the rest with `staff:update`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { LIMITS } from '../../protocol/limits.ts';
import { SPECIALTY_MAX } from '../../protocol/people-limits.ts';
import type { StaffMember } from '../../protocol/requests.ts';
import { setStaffPhoto, staffPhotoSrc } from '../api/staff-photo.ts';
import { t } from '../i18n/index.ts';
import '../i18n/people-words.ts';
import type { ClinicAdmin } from '../state/clinic-admin.ts';
import { ActionTask } from './action-task.ts';
import { refusal } from './format.ts';

export class StaffProfile extends LitElement {
  static override properties = {
    admin: { attribute: false },
    member: { attribute: false },
    _version: { state: true },
  };

  declare admin: ClinicAdmin;
  declare member: StaffMember;
  /** Bumped by each photo change, so the image is fetched again. */
  declare _version: number;
  readonly #action = new ActionTask(this);

  constructor() {
    super();
    this._version = 0;
  }

  static override styles = css`
    :host { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; grid-column: 1 / -1; font-size: 0.9rem; }
    img { width: 40px; height: 40px; border-radius: 50%; object-fit: cover; background: #eef1f3; }
    label { display: inline-flex; gap: 0.35rem; align-items: center; }
    input:not([type='checkbox']):not([type='file']) { font: inherit; padding: 0.3rem 0.5rem; border: 1px solid #8a96a3; border-radius: 6px; }
    button, .upload { font: inherit; border: 1px solid #d5dbe1; background: #fff; border-radius: 6px; padding: 0.3rem 0.7rem; cursor: pointer; }
    .upload:focus-within { outline: 2px solid #1d4ed8; }
    .upload input { position: absolute; opacity: 0; width: 1px; height: 1px; }
    form { display: inline-flex; gap: 0.35rem; align-items: center; }
    p { margin: 0; width: 100%; }
    .error { color: #a4161a; }
  `;

  override render() {
    const { member } = this;
    const name = member.name;
    const busy = this.#action.busy;
    const error = this.#action.error;
    return html`
      ${member.photo ? html`<img src=${staffPhotoSrc(member.id, this._version)} alt=${t('profile.photoOf', { name })} />` : nothing}
      <label class="upload">${t('profile.upload', { name })}<input type="file" accept="image/*" ?disabled=${busy} @change=${this.#upload} /></label>
      ${member.photo ? html`<button ?disabled=${busy} aria-label=${t('profile.remove', { name })} @click=${() => void this.#setPhoto(null)}>${t('profile.removeShort')}</button>` : nothing}
      ${this.#fields(member, busy)}
      ${error !== undefined ? html`<p class="error" role="alert">${refusal(error)}</p>` : nothing}`;
  }

  /** The name patients see for everyone, and a doctor's specialty and whether they accept chats. */
  #fields(member: StaffMember, busy: boolean) {
    const name = member.name;
    const doctor = member.role === 'doctor';
    return html`
      <form @submit=${this.#save}>
        <input name="name" aria-label=${t('profile.displayName', { name })} placeholder=${t('profile.namePlaceholder')} required maxlength=${LIMITS.shortTextMax} .value=${name} />
        ${doctor ? html`<input name="specialty" aria-label=${t('profile.specialty', { name })} placeholder=${t('profile.specialtyPlaceholder')} maxlength=${SPECIALTY_MAX} .value=${member.specialty ?? ''} />` : nothing}
        <button type="submit" ?disabled=${busy} aria-label=${t('profile.save', { name })}>${t('profile.saveShort')}</button>
      </form>
      ${
        doctor
          ? html`<label><input type="checkbox" role="switch" .checked=${member.acceptsChats !== false} ?disabled=${busy}
        @change=${(e: Event) => void this.#update({ acceptsChats: (e.target as HTMLInputElement).checked })} />${t('profile.acceptsChats', { name })}</label>`
          : nothing
      }`;
  }

  #upload = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.#setPhoto(file);
  };

  #save = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const field = (key: string) => String(data.get(key) ?? '').trim();
    void this.#update({ name: field('name'), ...(data.has('specialty') ? { specialty: field('specialty') } : {}) });
  };

  async #setPhoto(file: File | null): Promise<void> {
    const done = await this.#action.run(async () => {
      await setStaffPhoto(this.member.id, file);
      await this.admin.loadStaff();
    });
    if (done) this._version++;
  }

  async #update(changes: { name?: string; specialty?: string; acceptsChats?: boolean }): Promise<void> {
    await this.#action.run(() => this.admin.update({ staffId: this.member.id, ...changes }));
  }
}

customElements.define('cc-staff-profile', StaffProfile);

declare global {
  interface HTMLElementTagNameMap {
    'cc-staff-profile': StaffProfile;
  }
}
