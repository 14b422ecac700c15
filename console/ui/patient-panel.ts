import { LitElement, css, html, nothing } from 'lit';
import type { ThreadId } from '../../protocol/ids.ts';
import type { StaffThread } from '../../protocol/model.ts';
import type { PatientProfile } from '../../protocol/requests.ts';
import { mayManageClinic } from '../../protocol/permissions.ts';
import { locale, t } from '../i18n/index.ts';
import type { Workspace } from '../state/workspace.ts';
import { longTime } from './format.ts';
import { StoreController } from './store-controller.ts';
import { theme } from './theme.ts';

/** The patient's local clock is redrawn this often. */
const CLOCK_TICK_MS = 30_000;

/** The patient's clock, or null when the browser did not send a time zone we know. */
function localTime(timeZone: string | null, now: Date): string | null {
  if (!timeZone) return null;
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', weekday: 'short' }).format(now);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/**
 * Who the patient is, as far as they told the clinic: name and contacts only when given,
 * the page they wrote from, their local time, when they were first seen. All as text.
 * Then "Send a link to continue the conversation" (send-link.ts).
 * Below, the patient's conversations this staff member may read — earlier requests and
 * other kinds, with status and date — each one click from opening.
 */
export class PatientPanel extends LitElement {
  static override properties = {
    workspace: { attribute: false },
    threadId: { attribute: false },
  };

  declare workspace: Workspace;
  declare threadId: ThreadId | null;
  readonly #profileChanges = new StoreController(this);
  #clock: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.threadId = null;
  }

  static override styles = [
    theme,
    css`
    :host { display: block; padding: 0.75rem 1rem; background: var(--cc-surface); overflow-y: auto; }
    h2 { font-size: 1rem; margin: 0 0 0.5rem; }
    dl { margin: 0; display: grid; gap: 0.15rem; }
    dt { font-size: 0.8rem; color: var(--cc-muted); margin-top: 0.4rem; }
    dd { margin: 0; overflow-wrap: anywhere; }
    .muted { color: var(--cc-muted); font-size: 0.9rem; }
    h3 { font-size: 0.9rem; margin: 1rem 0 0.25rem; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.25rem; }
    li button { width: 100%; text-align: left; display: grid; gap: 0.1rem; font-size: 0.85rem; }
    li button[aria-current='true'] { background: var(--cc-selected); }
    .when { color: var(--cc-muted); font-size: 0.8rem; }
  `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.#clock = setInterval(() => this.requestUpdate(), CLOCK_TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#clock);
  }

  override willUpdate(): void {
    this.#profileChanges.target = this.workspace?.profiles;
  }

  override render() {
    const entry = this.threadId ? this.workspace.profiles.get(this.threadId) : undefined;
    if (!entry) return nothing;
    return html`<section aria-labelledby="patient-heading">
      <h2 id="patient-heading">${t('patient.heading')}</h2>
      ${
        entry.state === 'ready'
          ? [this.#profile(entry.profile), this.#sendLink(), this.#patientData(entry.profile, entry.threads), this.#threads(entry.threads)]
          : entry.state === 'loading'
            ? html`<p class="muted">${t('app.loading')}</p>`
            : html`<p class="muted">${t('patient.unavailable')}</p>`
      }
    </section>`;
  }

  #profile(profile: PatientProfile) {
    const noticesText = (notices: PatientProfile['notices']) =>
      notices
        ? t('patient.noticesOn', {
            channels: [notices.email ? t('patient.noticesEmail') : '', notices.sms ? t('patient.noticesSms') : ''].filter(Boolean).join(', '),
            since: longTime(notices.since),
          })
        : t('patient.noticesOff');
    const clock = localTime(profile.timeZone, new Date());
    // What the patient typed is isolated: a right-to-left override in it cannot reorder the page around it.
    const row = (label: string, value: string | null) => (value ? html`<dt>${label}</dt><dd><bdi>${value}</bdi></dd>` : nothing);
    return html`<dl>
      ${row(t('patient.identity'), profile.verifiedId ? t('patient.verified', { id: profile.verifiedId }) : t('patient.unverified'))}
      ${row(t('patient.name'), profile.name)}
      ${row(t('patient.email'), profile.email)}
      ${row(t('patient.phone'), profile.phone)}
      ${row(t('patient.page'), profile.page)}
      ${row(t('patient.localTime'), clock && profile.timeZone ? `${clock} (${profile.timeZone})` : null)}
      ${row(t('patient.firstSeen'), longTime(profile.firstSeenAt))}
      ${row(t('patient.notices'), noticesText(profile.notices))}
    </dl>`;
  }

  /** Only those who write to patients may send them a link or sign them out everywhere (patient-actions.ts, a lazy chunk). */
  #sendLink() {
    if (!this.workspace.canWrite) return nothing;
    void import('./patient-actions.ts');
    return html`<cc-send-link .workspace=${this.workspace} .threadId=${this.threadId}></cc-send-link>
      <cc-end-sessions .workspace=${this.workspace} .threadId=${this.threadId}></cc-end-sessions>`;
  }

  /** The owner's export and erasure (patient-data.ts, in the owner-tools chunk). */
  #patientData(profile: PatientProfile, threads: StaffThread[]) {
    if (!mayManageClinic(this.workspace.me.staff.role)) return nothing;
    return html`<cc-patient-data .workspace=${this.workspace} .patientId=${profile.id} .threadIds=${threads.map((thread) => thread.id)}></cc-patient-data>`;
  }

  #threads(threads: StaffThread[]) {
    if (threads.length < 2) return nothing;
    return html`<h3 id="threads-heading">${t('patient.threads')}</h3>
      <ul aria-labelledby="threads-heading">${threads.map((thread) => {
        const shown = thread.id === this.threadId;
        return html`<li><button aria-current=${shown ? 'true' : 'false'} @click=${() => this.workspace.select(thread.id)}>
          <span>${thread.doctor?.name ?? t('patient.clinicTeam')} · ${t(`status.${thread.status}`)}${shown ? ` ${t('patient.shown')}` : ''}</span>
          <time class="when" datetime=${new Date(thread.createdAt).toISOString()}>${longTime(thread.createdAt)}</time>
        </button></li>`;
      })}</ul>`;
  }
}

customElements.define('cc-patient-panel', PatientPanel);

declare global {
  interface HTMLElementTagNameMap {
    'cc-patient-panel': PatientPanel;
  }
}
