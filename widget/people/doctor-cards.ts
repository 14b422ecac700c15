/**
 * `<clinic-chat-doctors>` (issue 13 §3): whom to write to, as cards — the clinic's
 * administrators, then each doctor who accepts chats with their photo, name and
 * specialty. A radio group: one conversation is shown at a time; a conversation holding
 * unread replies carries a dot and says so in its accessible name.
 */
import { css, html, nothing } from 'lit';
import { slotKey, type ThreadSlot } from '../../protocol/slots.ts';
import { staffPhotoUrl } from '../../protocol/people-limits.ts';
import { initials } from '../element/format.ts';
import { fill } from '../attach/file-size.ts';
import { ClientBound } from './client-bound.ts';

const GENERAL: ThreadSlot = { kind: 'general' };

export class DoctorCards extends ClientBound {
  static override styles = css`
    :host { display: block; }
    fieldset { display: flex; gap: 8px; overflow-x: auto; margin: 0; padding: 6px 16px; border: 0; }
    legend { padding: 0; font-size: 12.5px; color: #5f6b73; }
    label { position: relative; flex: 1 0 140px; max-width: 200px; display: flex; gap: 8px; align-items: center; padding: 6px 8px; border: 1px solid #d5dadd; border-radius: 10px; background: #fff; color: #1d2327; cursor: pointer; font-size: 13px; }
    label.on { border-color: var(--_accent, #0b6e4f); box-shadow: 0 0 0 1px var(--_accent, #0b6e4f); }
    label:focus-within { outline: 3px solid var(--_accent, #0b6e4f); outline-offset: 1px; }
    input { position: absolute; inset: 0; width: 100%; height: 100%; margin: 0; opacity: 0; cursor: pointer; }
    /* The whole card is the radio: what is drawn over it takes no clicks. */
    label > span { pointer-events: none; }
    .photo { position: relative; flex: none; width: 34px; height: 34px; border-radius: 50%; overflow: hidden; display: inline-flex; align-items: center; justify-content: center; background: var(--_accent, #0b6e4f); color: #fff; font-weight: 700; }
    img { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover; }
    .who { display: flex; flex-direction: column; min-width: 0; }
    .who span { color: #5f6b73; font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .dot { position: absolute; top: 6px; right: 8px; color: #b3261e; font-size: 10px; }
  `;

  override render() {
    const client = this.client;
    const clinic = client?.clinic;
    if (!client || !clinic) return nothing;
    const words = this.words();
    const shown = slotKey(client.slot);
    const card = (slot: ThreadSlot, name: string, detail: string, photo: string | null, mark = initials(name)) => {
      const unread = client.unreadIn(slot) > 0;
      const on = slotKey(slot) === shown;
      return html`<label class=${on ? 'on' : ''}>
        <input type="radio" name="slot" .checked=${on} aria-label=${unread ? fill(words.newReply, { name }) : name} @change=${() => client.selectSlot(slot)} />
        <span class="photo" aria-hidden="true">${mark}${photo ? html`<img src=${photo} alt="" />` : nothing}</span>
        <span class="who"><strong>${name}</strong>${detail ? html`<span>${detail}</span>` : nothing}</span>
        ${unread ? html`<span class="dot" aria-hidden="true">●</span>` : nothing}
      </label>`;
    };
    return html`<fieldset>
      <legend>${words.writeTo}</legend>
      ${card(GENERAL, words.clinicTeam, '', null, '+')}
      ${clinic.doctors.map((d) => card({ kind: 'doctor', doctorId: d.id }, d.name, d.specialty ?? '', d.photo ? staffPhotoUrl(client.relay, d.id) : null))}
    </fieldset>`;
  }
}
