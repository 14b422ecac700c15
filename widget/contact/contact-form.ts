/**
 * `<clinic-chat-contact>`: the patient's opt-in for reply notices inside the chat panel.
 * An offer button opens a small form (e-mail, phone, the consent box with CONSENT_TEXT,
 * unticked, and sending disabled until it is ticked); the fields are checked with the
 * protocol's rules before anything is sent; once stored, the contact is shown with
 * "Change" and "Stop notices". It works through the panel's ClinicChatClient
 * (`setContact`, `withdrawContact`); `<clinic-chat>` renders it and fetches its code only
 * after the patient's first message (element/contact-slot.ts).
 */
import { LitElement, css, html, nothing } from 'lit';
import { CONSENT_TEXT, CONTACT_LIMITS, checkContact, type ContactField } from '../../protocol/contact.ts';
import type { PatientContact } from '../../protocol/contact-schema.ts';
import type { ClinicChatClient } from '../client/clinic-chat-client.ts';
import { asClientError } from '../client/client-core.ts';
import { contact as en, type ContactWords } from '../i18n/en.ts';
import { contact as ru } from '../i18n/ru.ts';
import { pickLocale } from '../../protocol/locales.ts';
import { loadReview } from './load-review.ts';

/** What is wrong, shown next to its field or under the form. */
type Problem = ContactField | 'contact' | 'failed' | 'withdrawFailed' | '';

const PROBLEM_WORDS = {
  email: 'emailInvalid',
  phone: 'phoneInvalid',
  contact: 'missing',
  failed: 'failed',
  withdrawFailed: 'withdrawFailed',
} as const satisfies Record<Exclude<Problem, ''>, keyof ContactWords>;

export class ClinicChatContact extends LitElement {
  static override properties = {
    client: { attribute: false },
    contact: { attribute: false },
    language: { attribute: 'lang' },
    _editing: { state: true },
    _email: { state: true },
    _phone: { state: true },
    _consent: { state: true },
    _busy: { state: true },
    _problem: { state: true },
    _note: { state: true },
  };

  static override styles = css`
    :host { display: block; margin: 0 16px 8px; font-size: 13.5px; }
    button { font: inherit; cursor: pointer; border-radius: 10px; padding: 6px 12px; border: 1px solid var(--_accent, #0b6e4f); background: #fff; color: var(--_accent, #0b6e4f); }
    button[type='submit'] { background: var(--_accent, #0b6e4f); color: var(--_on-accent, #fff); font-weight: 600; }
    button:disabled { opacity: .5; cursor: default; }
    button:focus-visible, input:focus-visible { outline: 3px solid var(--_accent, #0b6e4f); outline-offset: 2px; }
    .offer { width: 100%; }
    form, .stored { display: flex; flex-direction: column; gap: 6px; padding: 10px; border: 1px solid #e3e6e8; border-radius: 12px; }
    label { display: flex; flex-direction: column; gap: 2px; }
    input:not([type='checkbox']) { font: inherit; padding: 6px 9px; border: 1px solid #8a9296; border-radius: 8px; }
    input[aria-invalid='true'] { border-color: #b3261e; }
    .consent { flex-direction: row; align-items: flex-start; gap: 8px; font-size: 12.5px; }
    .error { margin: 0; color: #b3261e; font-size: 12.5px; }
    .error:empty { display: none; }
    .acts { display: flex; gap: 8px; flex-wrap: wrap; }
    p { margin: 0; }
  `;

  /** The panel's client; the form does nothing without one. */
  declare client: ClinicChatClient | null;
  /** The stored contact (the client's `contact`), or null. */
  declare contact: PatientContact | null;
  /** "ru" or "en", as the panel. */
  declare language: string | null;
  declare _editing: boolean;
  declare _email: string;
  declare _phone: string;
  declare _consent: boolean;
  declare _busy: boolean;
  declare _problem: Problem;
  /** A line for screen readers and eyes after a change (e.g. notices turned off). */
  declare _note: string;
  private off_: (() => void) | null = null;

  constructor() {
    super();
    this.client = null;
    this.contact = null;
    this.language = null;
    this._editing = false;
    this._email = '';
    this._phone = '';
    this._consent = false;
    this._busy = false;
    this._problem = '';
    this._note = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.off_ = this.client?.on('change', () => this.loadReview_()) ?? null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.off_?.();
    this.off_ = null;
  }

  override render() {
    this.loadReview_();
    // A complaint's progress and the patient's answer (issue 13) come first; their code is fetched only for such a thread.
    return html`<clinic-chat-review .client=${this.client} lang=${pickLocale(this.language)}></clinic-chat-review>${this.main_()}
      <clinic-chat-forget part="forget" .client=${this.client} lang=${pickLocale(this.language)}></clinic-chat-forget>`;
  }

  private main_() {
    const lang = pickLocale(this.language);
    const w = lang === 'ru' ? ru : en;
    if (this._editing) return this.form_(w, CONSENT_TEXT[lang]);
    const problem = this._problem ? w[PROBLEM_WORDS[this._problem]] : '';
    if (this.contact) {
      const where = [this.contact.email, this.contact.phone].filter(Boolean).join(', ');
      return html`
        <div class="stored" part="contact-stored">
          <p role="status">${w.stored.replace('{where}', where)}</p>
          <div class="acts">
            <button type="button" data-focus ?disabled=${this._busy} @click=${this.change_}>${w.change}</button>
            <button type="button" ?disabled=${this._busy} @click=${this.withdraw_}>${w.withdraw}</button>
          </div>
          <p class="error" role="alert">${problem}</p>
        </div>`;
    }
    return html`
      <button class="offer" type="button" data-focus aria-expanded="false" @click=${this.change_}>${w.offer}</button>
      <p class="note" role="status">${this._note}</p>`;
  }

  private form_(w: ContactWords, consent: string) {
    const field = (name: ContactField, type: string, value: string, label: string, max: number) => {
      const invalid = this._problem === name;
      return html`
        <label>${label}
          <input name=${name} type=${type} autocomplete=${type} maxlength=${max} .value=${value}
            aria-invalid=${invalid ? 'true' : 'false'} aria-describedby="${name}-error" @input=${this.onInput_}>
        </label>
        <p id="${name}-error" class="error">${invalid ? w[PROBLEM_WORDS[name]] : ''}</p>`;
    };
    const general = this._problem === 'contact' || this._problem === 'failed' ? w[PROBLEM_WORDS[this._problem]] : '';
    return html`
      <form part="contact-form" aria-label=${w.offer} novalidate @submit=${this.onSubmit_}>
        ${field('email', 'email', this._email, w.email, CONTACT_LIMITS.emailMax)}
        ${field('phone', 'tel', this._phone, w.phone, CONTACT_LIMITS.phoneInputMax)}
        <label class="consent">
          <input type="checkbox" name="consent" .checked=${this._consent} @change=${this.onConsent_}>
          <span>${consent}</span>
        </label>
        <p class="error" role="alert">${general}</p>
        <div class="acts">
          <button type="submit" ?disabled=${!this._consent || this._busy}>${this._busy ? w.saving : w.save}</button>
          <button type="button" ?disabled=${this._busy} @click=${this.cancel_}>${w.cancel}</button>
        </div>
      </form>`;
  }

  // ---- events ----

  private change_ = () => {
    this._email = this.contact?.email ?? '';
    this._phone = this.contact?.phone ?? '';
    // Consent is given anew each time: a changed address is a new agreement.
    this._consent = false;
    this._problem = '';
    this._note = '';
    this._editing = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector('input')?.focus());
  };

  private cancel_ = () => {
    this._editing = false;
    this._problem = '';
    this.focusMain_();
  };

  private onInput_ = (event: Event) => {
    const input = event.target as HTMLInputElement;
    if (input.name === 'email') this._email = input.value;
    else this._phone = input.value;
    if (this._problem === input.name || this._problem === 'contact') this._problem = '';
  };

  private onConsent_ = (event: Event) => {
    this._consent = (event.target as HTMLInputElement).checked;
  };

  private onSubmit_ = async (event: Event) => {
    event.preventDefault();
    const client = this.client;
    if (!client || !this._consent || this._busy) return;
    const checked = checkContact({ email: this._email, phone: this._phone });
    if (checked.error) {
      this._problem = checked.error.field;
      const name = checked.error.field === 'contact' ? 'email' : checked.error.field;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`input[name=${name}]`)?.focus());
      return;
    }
    const { email, phone } = checked.ok;
    await this.busy_(async () => {
      // Set here too (the panel sets it on its next render), so focus finds the stored view.
      this.contact = await client.setContact({ ...(email ? { email } : {}), ...(phone ? { phone } : {}), consent: true });
      this._editing = false;
    }, 'failed');
    if (!this._problem) this.focusMain_();
  };

  private withdraw_ = async () => {
    const client = this.client;
    if (!client) return;
    await this.busy_(async () => {
      await client.withdrawContact();
      this.contact = null;
      const lang = pickLocale(this.language);
      this._note = (lang === 'ru' ? ru : en).withdrawn;
    }, 'withdrawFailed');
    if (!this._problem) this.focusMain_();
  };

  // ---- internals ----

  private loadReview_(): void {
    const thread = this.client?.thread;
    if (thread?.review || thread?.steps) loadReview();
  }

  /** Runs a request with the controls disabled; a refusal shows `problem` (the relay's own field, if it named one). */
  private async busy_(action: () => Promise<void>, problem: 'failed' | 'withdrawFailed'): Promise<void> {
    this._busy = true;
    this._problem = '';
    try {
      await action();
    } catch (caught) {
      const field = (asClientError(caught).data as { field?: unknown } | undefined)?.field;
      this._problem = field === 'email' || field === 'phone' ? field : problem;
    } finally {
      this._busy = false;
    }
  }

  /** After the form closes, focus goes to what replaced it (Change, or the offer) — once enabled again, after busy_. */
  private focusMain_(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-focus]')?.focus());
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clinic-chat-contact': ClinicChatContact;
  }
}
