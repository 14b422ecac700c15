import { LitElement, css, html, nothing } from 'lit';
import { CONTACT_LIMITS, normalizeEmail, normalizePhone } from '../../protocol/contact.ts';
import type { StaffAlertSettings } from '../../protocol/contact-schema.ts';
import type { StaffMember } from '../../protocol/requests.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import '../i18n/staff-words.ts';
import type { ClinicAdmin } from '../state/clinic-admin.ts';
import { ActionTask } from './action-task.ts';
import { refusal } from './format.ts';

/** A field the owner got wrong, checked here with the protocol's contact rules before sending. */
class AlertsInputError extends Error {
  constructor(readonly reason: MessageKey) {
    super(reason);
  }
}

/** Fields the relay may name in a BAD_REQUEST (`/alerts/...`). */
const REASONS = { alerts: 'staff.badAlertEmail' } as const;

/**
 * One staff member's alerts in the owner's staff dialog, folded under "Alerts": the e-mail
 * alerts switch (patients waiting), the address they go to (empty: the sign-in e-mail),
 * a phone, and whether the member is an escalation contact (an SMS when nobody answers,
 * which needs the phone). Saved with `staff:update { alerts }`.
 */
export class StaffAlerts extends LitElement {
  static override properties = {
    admin: { attribute: false },
    member: { attribute: false },
    _saved: { state: true },
  };

  declare admin: ClinicAdmin;
  declare member: StaffMember;
  declare _saved: boolean;
  readonly #action = new ActionTask(this);

  constructor() {
    super();
    this._saved = false;
  }

  static override styles = css`
    :host { display: block; grid-column: 1 / -1; font-size: 0.9rem; }
    summary { cursor: pointer; font-weight: 600; }
    form { display: grid; gap: 0.35rem; margin-top: 0.35rem; }
    label { display: grid; gap: 0.15rem; }
    label.check { display: flex; gap: 0.4rem; align-items: center; }
    input:not([type='checkbox']) { font: inherit; padding: 0.3rem 0.5rem; border: 1px solid #8a96a3; border-radius: 6px; }
    .hint { color: #55606b; font-size: 0.85rem; }
    .actions { display: flex; gap: 0.5rem; align-items: center; }
    button { font: inherit; border: 1px solid #d5dbe1; background: #fff; border-radius: 6px; padding: 0.3rem 0.7rem; cursor: pointer; }
    p { margin: 0; }
    .error { color: #a4161a; }
  `;

  override render() {
    const alerts = this.member.alerts;
    const name = this.member.name;
    const id = this.member.id;
    const error = this.#action.error;
    return html`<details>
      <summary aria-label=${t('staff.alertsOf', { name })}>${t('staff.alertsSummary')}</summary>
      <form @submit=${this.#save} @input=${() => (this._saved = false)}>
        <label class="check"><input type="checkbox" name="alerts" .checked=${alerts.alerts}> ${t('staff.alertsOn')}</label>
        <label>${t('staff.alertEmail')}
          <input name="email" type="email" maxlength=${CONTACT_LIMITS.emailMax} .value=${alerts.email ?? ''} aria-describedby="hint-${id}">
        </label>
        <span class="hint" id="hint-${id}">${t('staff.alertEmailHint')}</span>
        <label>${t('staff.alertPhone')}
          <input name="phone" type="tel" maxlength=${CONTACT_LIMITS.phoneInputMax} .value=${alerts.phone ?? ''}>
        </label>
        <label class="check"><input type="checkbox" name="escalation" .checked=${alerts.escalation}> ${t('staff.escalation')}</label>
        <p class="error" role="alert">${
          error instanceof AlertsInputError ? t('actions.failed', { reason: t(error.reason) }) : error !== undefined ? refusal(error, REASONS) : nothing
        }</p>
        <div class="actions">
          <button type="submit" ?disabled=${this.#action.busy}>${t('staff.saveAlerts')}</button>
          <p role="status">${this._saved ? t('staff.alertsSaved') : nothing}</p>
        </div>
      </form>
    </details>`;
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    this._saved = await this.#action.run(async () => {
      const alerts = readAlerts(text('email'), text('phone'), data.has('alerts'), data.has('escalation'));
      await this.admin.update({ staffId: this.member.id, alerts });
    });
  }
}

/** The settings as typed, normalised (an E.164 phone), or an AlertsInputError naming what is wrong. */
function readAlerts(rawEmail: string, rawPhone: string, alerts: boolean, escalation: boolean): StaffAlertSettings {
  const email = rawEmail ? normalizeEmail(rawEmail) : null;
  if (rawEmail && !email) throw new AlertsInputError('staff.badAlertEmail');
  const phone = rawPhone ? normalizePhone(rawPhone) : null;
  if (rawPhone && !phone) throw new AlertsInputError('staff.badAlertPhone');
  if (escalation && !phone) throw new AlertsInputError('staff.escalationNeedsPhone');
  return { alerts, email, phone, escalation };
}

customElements.define('cc-staff-alerts', StaffAlerts);

declare global {
  interface HTMLElementTagNameMap {
    'cc-staff-alerts': StaffAlerts;
  }
}
