/** Pieces of the chat panel above the conversation: who answers, the connection's state, the first screen. */
import { html, nothing } from 'lit';
import type { ThreadSlot } from '../../protocol/slots.ts';
import type { PatientThread, PublicClinic, StaffRef } from '../../protocol/model.ts';
import type { FirstScreen } from '../../protocol/first-screen.ts';
import type { ConnectionState } from '../client/client-types.ts';
import type { Translate } from '../i18n/index.ts';
import { initials } from './format.ts';
import { staffPhotoUrl } from '../../protocol/people-limits.ts';

/**
 * Who answers: the assigned staff member or the doctor, with their photo over their
 * initials (a member without one gets a transparent pixel); the clinic's team when `team` is wanted.
 */
export function agentBar(thread: PatientThread | null, slot: ThreadSlot, doctors: StaffRef[], t: Translate, team: boolean, relay: string) {
  const person = thread?.assignee ?? thread?.doctor ?? (slot.kind === 'doctor' ? doctors.find((d) => d.id === slot.doctorId) : null) ?? null;
  if (!person && !team) return nothing;
  return html`
    <div class="bar" part="agent">
      <span class="avatar" part="avatar" aria-hidden="true">${person ? html`${initials(person.name)}<img src=${staffPhotoUrl(relay, person.id)} alt="">` : '+'}</span>
      <span class="who">${person ? html`<strong>${person.name}</strong>${t(`role.${person.role}`)}` : html`<strong>${t('panel.clinicTeam')}</strong>`}</span>
    </div>`;
}

const STATE_KEYS = { connecting: 'state.connecting', offline: 'state.offline', refused: 'state.refused' } as const;

/**
 * What the status line says about the connection; nothing while all is well. Not connected
 * while the browser is online means the relay cannot be reached (down, or blocked by a
 * firewall or the page's CSP `connect-src`): "Offline" would send the patient to check a
 * network that works.
 */
export function connectionText(state: ConnectionState | undefined, t: Translate): string {
  const key = state === 'offline' && navigator.onLine ? 'state.unreachable' : STATE_KEYS[state as keyof typeof STATE_KEYS];
  return key ? t(key) : '';
}

/**
 * The first screen (issue 13 §3), in the relay's words for the widget's language: whether
 * the clinic is open ("We reply within ~5 min", or when it opens), its office hours, and
 * the emergency notice, always shown (in the disclaimer's colours); a green dot while open.
 */
export function firstScreen({ firstScreen: { hours, emergency }, officeHours }: PublicClinic) {
  return html`<div class="first">
      ${hours ? html`<p part="hours" class=${hours.open ? 'on' : ''}>${hours.text}</p>` : nothing}
      ${officeHours ? html`<p part="office-hours">${officeHours}</p>` : nothing}
    </div>
    <p class="disclaimer" part="emergency">${emergency}</p>`;
}

/** The consent box before the first message; its label names it and explains the disabled Send (`#consent`). */
export function consentBox(privacy: NonNullable<FirstScreen['privacy']>, changed: (event: Event) => void) {
  // The relay takes only http(s) policy addresses (ClinicSettings).
  return html`<p class="status" part="consent"><label><input type="checkbox" @change=${changed}> <span id="consent">${privacy.text}</span></label>
    ${privacy.url ? html`<a href=${privacy.url} target="_blank" rel="noopener noreferrer">${privacy.link}</a>` : nothing}</p>`;
}
