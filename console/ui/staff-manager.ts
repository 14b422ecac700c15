import { LitElement, css, html, nothing } from 'lit';
import { ROLES, type Role } from '../../protocol/constants.ts';
import { LIMITS } from '../../protocol/limits.ts';
import type { StaffId } from '../../protocol/ids.ts';
import type { StaffMember } from '../../protocol/requests.ts';
import { t } from '../i18n/index.ts';
import '../i18n/staff-words.ts';
import type { ClinicAdmin } from '../state/clinic-admin.ts';
import { dialogStyles } from './dialog-styles.ts';
import { refusal } from './format.ts';
import { ActionTask } from './action-task.ts';
import { StoreController } from './store-controller.ts';
import { theme } from './theme.ts';
import './staff-alerts.ts';
import './staff-profile.ts';

/** A generated password on screen: shown once, forgotten when the note or the dialog closes. */
interface ShownPassword {
  name: string;
  password: string;
}

/** Fields the relay may name in a BAD_REQUEST, and what to tell the owner. */
const REASONS = { email: 'staff.emailRefused', staffId: 'staff.notYourself' } as const;

/**
 * A button that opens the clinic's staff in a modal dialog (owner only): add a member,
 * change a role, deactivate or reactivate, reset a password, set a photo, specialty and whether a doctor accepts chats
 * (staff-profile.ts), set alerts (staff-alerts.ts). Generated passwords appear
 * once, in a note the owner dismisses.
 */
export class StaffManager extends LitElement {
  static override properties = {
    admin: { attribute: false },
    myId: { attribute: false },
    _shown: { state: true },
  };

  declare admin: ClinicAdmin;
  declare myId: StaffId;
  declare _shown: ShownPassword | null;
  readonly #adminChanges = new StoreController(this);
  /** One request at a time, with the buttons disabled; a refusal is shown, never thrown. */
  readonly #action = new ActionTask(this);

  constructor() {
    super();
    this._shown = null;
  }

  static override styles = [
    theme,
    dialogStyles,
    css`
    ul { list-style: none; margin: 0.75rem 0; padding: 0; display: grid; gap: 0.5rem; }
    li { display: grid; grid-template-columns: 1fr auto; gap: 0.35rem 0.5rem; padding: 0.5rem; border: 1px solid var(--cc-border); border-radius: 6px; }
    li.inactive { background: var(--cc-background); }
    .email { color: var(--cc-muted); font-size: 0.9rem; overflow-wrap: anywhere; }
    .state { font-size: 0.85rem; color: var(--cc-muted); }
    .inactive .state { color: var(--cc-danger); font-weight: 600; }
    .controls { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 0.35rem; align-items: center; }
    .secret { border: 2px solid var(--cc-note-border); background: var(--cc-note); border-radius: 6px; padding: 0.5rem 0.75rem; margin-top: 0.75rem; }
    .secret h3 { margin-top: 0; }
    .secret p { margin: 0.35rem 0; }
    .password { font-family: ui-monospace, monospace; font-size: 1.1rem; user-select: all; overflow-wrap: anywhere; }
  `,
  ];

  override willUpdate(): void {
    this.#adminChanges.target = this.admin;
  }

  override render() {
    return html`
      <button @click=${this.#open}>${t('staff.manage')}</button>
      <dialog aria-labelledby="staff-heading" @close=${this.#closed}>
        <div class="top">
          <h2 id="staff-heading">${t('staff.heading')}</h2>
          <button @click=${this.#close}>${t('staff.close')}</button>
        </div>
        <div aria-live="polite">${this._shown ? this.#renderPassword(this._shown) : nothing}</div>
        <p class="error" role="alert">${this.#action.error ? refusal(this.#action.error, REASONS) : nothing}</p>
        <ul aria-label=${t('staff.list')}>
          ${this.admin.members.map((member) => this.#renderMember(member))}
        </ul>
        <h3>${t('staff.new')}</h3>
        <form @submit=${this.#add}>
          <label for="staff-email">${t('staff.email')}</label>
          <input id="staff-email" name="email" type="email" required autocomplete="off" maxlength=${LIMITS.shortTextMax}>
          <label for="staff-name">${t('staff.name')}</label>
          <input id="staff-name" name="name" required autocomplete="off" maxlength=${LIMITS.shortTextMax}>
          <label for="staff-role">${t('staff.role')}</label>
          <select id="staff-role" name="role">${this.#roleOptions('doctor')}</select>
          <div class="actions">
            <button class="primary" type="submit" ?disabled=${this.#action.busy}>${t('staff.add')}</button>
          </div>
        </form>
      </dialog>`;
  }

  #renderPassword(shown: ShownPassword) {
    return html`<section class="secret" aria-labelledby="password-heading">
      <h3 id="password-heading" tabindex="-1">${t('staff.passwordHeading', { name: shown.name })}</h3>
      <p class="password">${shown.password}</p>
      <p>${t('staff.passwordNote', { name: shown.name })}</p>
      <button @click=${this.#hidePassword}>${t('staff.passwordDone')}</button>
    </section>`;
  }

  #renderMember(member: StaffMember) {
    const self = member.id === this.myId;
    const name = member.name;
    return html`<li class=${member.active ? '' : 'inactive'}>
      <span><strong>${name}</strong> ${self ? t('staff.you') : nothing} <span class="email">${member.email}</span></span>
      <span class="state">${member.active ? t('staff.active') : t('staff.deactivated')}</span>
      <span class="controls">
        <select aria-label=${t('staff.roleOf', { name })} ?disabled=${self || this.#action.busy}
          @change=${(e: Event) => void this.#changeRole(member, e.target as HTMLSelectElement)}>${this.#roleOptions(member.role)}</select>
        <button aria-label=${t('staff.resetPasswordOne', { name })} ?disabled=${this.#action.busy}
          @click=${() => void this.#resetPassword(member)}>${t('staff.resetPassword')}</button>
        ${
          self
            ? nothing
            : member.active
              ? html`<button aria-label=${t('staff.deactivateOne', { name })} ?disabled=${this.#action.busy}
              @click=${() => void this.#setActive(member, false)}>${t('staff.deactivate')}</button>`
              : html`<button aria-label=${t('staff.reactivateOne', { name })} ?disabled=${this.#action.busy}
              @click=${() => void this.#setActive(member, true)}>${t('staff.reactivate')}</button>`
        }
      </span>
      <cc-staff-profile .admin=${this.admin} .member=${member}></cc-staff-profile>
      <cc-staff-alerts .admin=${this.admin} .member=${member}></cc-staff-alerts>
    </li>`;
  }

  #roleOptions(selected: Role) {
    return ROLES.map((role) => html`<option value=${role} ?selected=${role === selected}>${t(`role.${role}`)}</option>`);
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  #open(): void {
    this.#dialog?.showModal();
    void this.#action.run(() => this.admin.loadStaff());
  }

  #close(): void {
    this.#dialog?.close();
  }

  #closed(): void {
    this._shown = null;
    this.#action.clear();
    this.renderRoot.querySelector('form')?.reset();
  }

  #hidePassword(): void {
    this._shown = null;
    this.renderRoot.querySelector<HTMLButtonElement>('.top button')?.focus();
  }

  async #add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? '').trim();
    await this.#action.run(async () => {
      const { member, password } = await this.admin.add({ email: field('email'), name: field('name'), role: field('role') as Role });
      form.reset();
      await this.#showPassword({ name: member.name, password });
    });
  }

  async #changeRole(member: StaffMember, select: HTMLSelectElement): Promise<void> {
    const ok = await this.#action.run(() => this.admin.update({ staffId: member.id, role: select.value as Role }));
    if (!ok) select.value = member.role;
  }

  async #setActive(member: StaffMember, active: boolean): Promise<void> {
    await this.#action.run(() => this.admin.update({ staffId: member.id, active }));
  }

  async #resetPassword(member: StaffMember): Promise<void> {
    await this.#action.run(async () => {
      await this.#showPassword({ name: member.name, password: await this.admin.resetPassword(member.id) });
    });
  }

  /** The note sits above the list: bring it into view and read it out, wherever the button was. */
  async #showPassword(shown: ShownPassword): Promise<void> {
    this._shown = shown;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#password-heading')?.focus();
  }
}

customElements.define('cc-staff-manager', StaffManager);

declare global {
  interface HTMLElementTagNameMap {
    'cc-staff-manager': StaffManager;
  }
}
