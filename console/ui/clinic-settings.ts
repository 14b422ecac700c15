import { LitElement, css, html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { LIMITS } from '../../protocol/limits.ts';
import type { QueueSettings } from '../../protocol/queue.ts';
import type { ClinicSettings, ClinicUpdate } from '../../protocol/requests.ts';
import type { NotifySettings } from '../../protocol/contact-schema.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import '../i18n/clinic-words.ts';
import type { ClinicAdmin } from '../state/clinic-admin.ts';
import { dialogStyles } from './dialog-styles.ts';
import { ActionTask } from './action-task.ts';
import { refusal } from './format.ts';
import { theme } from './theme.ts';
import type { SecuritySettings } from '../../protocol/security-settings.ts';
import type { ClinicTexts, LanguageTexts } from '../../protocol/clinic-texts.ts';
import { firstScreenChanges, firstScreenFields, noticeFields, noticeTexts } from './first-screen-settings.ts';

/** Longest greeting and office hours the relay accepts (its schema: five short texts). */
const LONG_TEXT_MAX = LIMITS.shortTextMax * 5;

/** Fields the relay may name in a BAD_REQUEST, and what to tell the owner. */
const REASONS = {
  name: 'clinic.badName',
  greeting: 'clinic.badGreeting',
  origins: 'clinic.badOrigins',
  bookingUrl: 'clinic.badBookingUrl',
  officeHours: 'clinic.badOfficeHours',
  notify: 'clinic.badNotify',
  texts: 'clinic.badTexts',
  schedule: 'clinic.badSchedule',
  replyMinutes: 'clinic.badReplyMinutes',
  privacy: 'clinic.badPrivacy',
} as const;

/** The notify delays the relay accepts, in minutes (protocol NotifySettingsSchema: 1 minute to 7 days). */
const NOTIFY_MINUTES_MAX = 7 * 24 * 60;
/** As protocol/queue.ts allows: a day. */
const WAIT_TARGET_MAX = 24 * 60;
const DELAYS = [
  ['patientAfterMinutes', 'clinic.patientAfter'],
  ['staffAfterMinutes', 'clinic.staffAfter'],
  ['escalateAfterMinutes', 'clinic.escalateAfter'],
] as const satisfies readonly (readonly [keyof NotifySettings, MessageKey])[];

/** The languages a clinic may write its own greeting and office hours in: legend, and the two fields' labels. */
const TEXT_LANGUAGES = [
  ['ru', 'clinic.textsRu', 'clinic.greetingRu', 'clinic.officeHoursRu'],
  ['en', 'clinic.textsEn', 'clinic.greetingEn', 'clinic.officeHoursEn'],
] as const satisfies readonly (readonly [keyof ClinicTexts, MessageKey, MessageKey, MessageKey])[];

type Phase = 'loading' | 'editing' | 'saved';

/**
 * A button that opens the clinic's settings in a modal dialog (owner only): name, greeting,
 * the chat's language, the sites the widget may run on, booking link, whether patients may
 * send a visit request in the chat, office hours, and
 * when notifications go out (minutes before a patient notice, a staff alert, an escalation
 * SMS; whether office hours mute staff alerts).
 * Widgets connecting after a save see the change within the relay's cache time.
 */
export class ClinicSettingsDialog extends LitElement {
  static override properties = {
    admin: { attribute: false },
    _phase: { state: true },
  };

  declare admin: ClinicAdmin;
  declare _phase: Phase;
  /** Loading or saving the settings; a refusal is shown, never thrown. */
  readonly #action = new ActionTask(this);
  /** Bumped on every open, so the form is rebuilt from the stored settings and not from earlier edits. */
  #generation = 0;

  constructor() {
    super();
    this._phase = 'loading';
  }

  static override styles = [
    theme,
    dialogStyles,
    css`
    .saved { color: var(--cc-muted); margin: 0; }
    #clinic-origins { font-family: ui-monospace, monospace; }
    fieldset { display: grid; gap: 0.35rem; border: 1px solid var(--cc-border); border-radius: 6px; margin: 0.5rem 0 0; }
    legend { font-weight: 600; }
    label.check { display: flex; gap: 0.4rem; align-items: center; font-weight: normal; }
  `,
  ];

  override render() {
    const clinic = this.admin.clinic;
    return html`
      <button @click=${this.#open}>${t('clinic.manage')}</button>
      <dialog aria-labelledby="clinic-heading" @close=${this.#closed}>
        <div class="top">
          <h2 id="clinic-heading">${t('clinic.heading')}</h2>
          <button @click=${this.#close}>${t('clinic.close')}</button>
        </div>
        ${this._phase === 'loading' || !clinic ? html`<p role="status">${t('app.loading')}</p>` : keyed(this.#generation, this.#renderForm(clinic))}
        ${this._phase === 'loading' ? this.#renderError() : nothing}
      </dialog>`;
  }

  #renderForm(clinic: ClinicSettings) {
    return html`<form @submit=${this.#save} @input=${this.#edited}>
      <label for="clinic-name">${t('clinic.name')}</label>
      <input id="clinic-name" name="name" required maxlength=${LIMITS.shortTextMax} .value=${clinic.name}>
      <label for="clinic-greeting">${t('clinic.greeting')}</label>
      <p class="hint" id="clinic-greeting-hint">${t('clinic.greetingHint')}</p>
      <textarea id="clinic-greeting" name="greeting" maxlength=${LONG_TEXT_MAX} aria-describedby="clinic-greeting-hint" .value=${clinic.greeting}></textarea>
      <label for="clinic-locale">${t('clinic.locale')}</label>
      <select id="clinic-locale" name="locale">
        <option value="ru" ?selected=${clinic.locale === 'ru'}>${t('clinic.localeRu')}</option>
        <option value="en" ?selected=${clinic.locale === 'en'}>${t('clinic.localeEn')}</option>
      </select>
      <label for="clinic-origins">${t('clinic.origins')}</label>
      <p class="hint" id="clinic-origins-hint">${t('clinic.originsHint')}</p>
      <textarea id="clinic-origins" name="origins" required aria-describedby="clinic-origins-hint" .value=${clinic.origins.join('\n')}></textarea>
      <label for="clinic-booking">${t('clinic.bookingUrl')}</label>
      <p class="hint" id="clinic-booking-hint">${t('clinic.bookingUrlHint')}</p>
      <input id="clinic-booking" name="bookingUrl" type="url" pattern="https?://.+" maxlength=${LIMITS.pageUrlMax}
        aria-describedby="clinic-booking-hint" .value=${clinic.bookingUrl ?? ''}>
      <label class="check"><input type="checkbox" name="bookingRequests" .checked=${clinic.bookingRequests}> ${t('clinic.bookingRequests')}</label>
      <label for="clinic-hours">${t('clinic.officeHours')}</label>
      <p class="hint" id="clinic-hours-hint">${t('clinic.officeHoursHint')}</p>
      <textarea id="clinic-hours" name="officeHours" maxlength=${LONG_TEXT_MAX} aria-describedby="clinic-hours-hint" .value=${clinic.officeHours ?? ''}></textarea>
      ${firstScreenFields(clinic)}
      ${TEXT_LANGUAGES.map((labels) => this.#renderTexts(labels, clinic.texts[labels[0]] ?? {}))}
      ${this.#renderNotify(clinic.notify)}
      ${this.#renderSecurity(clinic.security)}
      ${this.admin.queue ? this.#renderQueue(this.admin.queue) : nothing}
      ${this.#renderError()}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.#action.busy}>${t('clinic.save')}</button>
        <p class="saved" role="status">${this._phase === 'saved' ? t('clinic.saved') : nothing}</p>
      </div>
    </form>`;
  }

  #renderNotify(notify: NotifySettings) {
    return html`<fieldset>
      <legend>${t('clinic.notify')}</legend>
      ${DELAYS.map(
        ([name, label]) => html`<label for="clinic-${name}">${t(label)}</label>
        <input id="clinic-${name}" name=${name} type="number" required min="1" max=${NOTIFY_MINUTES_MAX} step="1" .value=${String(notify[name])}>`,
      )}
      <label class="check"><input type="checkbox" name="muteOutsideOfficeHours" .checked=${notify.muteOutsideOfficeHours}>
        ${t('clinic.muteOutsideOfficeHours')}</label>
    </fieldset>`;
  }

  /** A language's own greeting and office hours (issue 11): widgets in that language show them instead of the defaults above. */
  #renderTexts([lang, legend, greeting, hours]: (typeof TEXT_LANGUAGES)[number], texts: LanguageTexts) {
    return html`<fieldset>
      <legend>${t(legend)}</legend>
      <p class="hint">${t('clinic.textsHint')}</p>
      <label for="clinic-greeting-${lang}">${t(greeting)}</label>
      <textarea id="clinic-greeting-${lang}" name="greeting-${lang}" maxlength=${LONG_TEXT_MAX} .value=${texts.greeting ?? ''}></textarea>
      <label for="clinic-hours-${lang}">${t(hours)}</label>
      <textarea id="clinic-hours-${lang}" name="officeHours-${lang}" maxlength=${LONG_TEXT_MAX} .value=${texts.officeHours ?? ''}></textarea>
      ${noticeFields(lang, texts)}
    </fieldset>`;
  }

  #renderQueue(queue: QueueSettings) {
    return html`<fieldset>
      <legend>${t('clinic.queue')}</legend>
      <label for="clinic-wait-target">${t('clinic.waitTarget')}</label>
      <input id="clinic-wait-target" name="waitTargetMinutes" type="number" required min="1" max=${WAIT_TARGET_MAX} step="1" .value=${String(queue.waitTargetMinutes)}>
      <label class="check"><input type="checkbox" name="autoAssign" .checked=${queue.autoAssign}> ${t('clinic.autoAssign')}</label>
    </fieldset>`;
  }

  /** Retention, required second factor and idle timeout (issue 10): 0 switches a number off. */
  #renderSecurity(security: SecuritySettings) {
    return html`<fieldset>
      <legend>${t('clinic.security')}</legend>
      <label for="clinic-retention">${t('clinic.retentionDays')}</label>
      <input id="clinic-retention" name="retentionDays" type="number" required min="0" max="3650" step="1" .value=${String(security.retentionDays)}>
      <label for="clinic-idle">${t('clinic.idleTimeoutMinutes')}</label>
      <input id="clinic-idle" name="idleTimeoutMinutes" type="number" required min="0" max="1440" step="1" .value=${String(security.idleTimeoutMinutes)}>
      <label class="check"><input type="checkbox" name="requireTwoFactor" .checked=${security.requireTwoFactor}>
        ${t('clinic.requireTwoFactor')}</label>
    </fieldset>`;
  }

  #renderError() {
    return html`<p class="error" role="alert">${this.#action.error ? refusal(this.#action.error, REASONS) : nothing}</p>`;
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  async #open(): Promise<void> {
    this._phase = 'loading';
    this.#dialog?.showModal();
    if (await this.#action.run(() => this.admin.loadClinic())) {
      this.#generation += 1;
      this._phase = 'editing';
    }
  }

  #close(): void {
    this.#dialog?.close();
  }

  #closed(): void {
    this.#action.clear();
    this._phase = 'loading';
  }

  #edited(): void {
    if (this._phase === 'saved') this._phase = 'editing';
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const changes: ClinicUpdate = {
      name: text('name'),
      greeting: text('greeting'),
      locale: text('locale') === 'en' ? 'en' : 'ru',
      origins: text('origins').split(/\s+/).filter(Boolean),
      bookingUrl: text('bookingUrl') || null,
      bookingRequests: data.has('bookingRequests'),
      officeHours: text('officeHours') || null,
      // An empty field is no text of the language's own (left out of the JSON): the default is shown.
      texts: Object.fromEntries(
        TEXT_LANGUAGES.map(([lang]) => [
          lang,
          { greeting: text(`greeting-${lang}`) || undefined, officeHours: text(`officeHours-${lang}`) || undefined, ...noticeTexts(data, lang) },
        ]),
      ),
      ...firstScreenChanges(data),
      notify: {
        patientAfterMinutes: Number(text('patientAfterMinutes')),
        staffAfterMinutes: Number(text('staffAfterMinutes')),
        escalateAfterMinutes: Number(text('escalateAfterMinutes')),
        muteOutsideOfficeHours: data.has('muteOutsideOfficeHours'),
      },
      security: {
        retentionDays: Number(text('retentionDays')),
        idleTimeoutMinutes: Number(text('idleTimeoutMinutes')),
        requireTwoFactor: data.has('requireTwoFactor'),
      },
    };
    const queue = { waitTargetMinutes: Number(text('waitTargetMinutes')), autoAssign: data.has('autoAssign') };
    this._phase = (await this.#action.run(() => this.admin.saveClinic(changes, queue))) ? 'saved' : 'editing';
  }
}

customElements.define('cc-clinic-settings', ClinicSettingsDialog);

declare global {
  interface HTMLElementTagNameMap {
    'cc-clinic-settings': ClinicSettingsDialog;
  }
}
