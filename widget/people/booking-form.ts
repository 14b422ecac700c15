/**
 * `<clinic-chat-booking>` (issue 13 §3, R5): "Book a visit in the chat" opens a short
 * form — preferred day, time and a phone — sent as a booking request to the shown
 * conversation; staff confirm or decline it and the patient reads the outcome in the
 * thread. A refusal names the field (the relay's codes, protocol/booking-rules.ts).
 * Hidden where the clinic takes no requests in the chat (its session's `bookingRequests`).
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import { bookingProblem } from '../../protocol/booking-rules.ts';
import { asClientError } from '../client/client-core.ts';
import { ClientBound } from './client-bound.ts';
import type { PeopleWords } from './people-words.ts';

const localDay = (at: Date) => new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

export class BookingForm extends ClientBound {
  static override properties = { ...ClientBound.properties, _open: { state: true }, _problem: { state: true }, _busy: { state: true } };
  declare _open: boolean;
  /** Why the request was not sent, in the patient's words. */
  declare _problem: string;
  declare _busy: boolean;

  constructor() {
    super();
    this._open = false;
    this._problem = '';
    this._busy = false;
  }

  static override styles = css`
    :host { display: block; margin: 0 16px 6px; }
    :host([hidden]) { display: none; }
    button { font: inherit; cursor: pointer; border-radius: 10px; padding: 8px 12px; }
    .open, .send { border: 1px solid var(--_accent, #0b6e4f); background: #fff; color: var(--_accent, #0b6e4f); font-weight: 600; }
    /* Small beside the conversation: the panel's height is the messages'. */
    .open { width: 100%; padding: 4px 10px; font-size: 13px; }
    .send { background: var(--_accent, #0b6e4f); color: #fff; }
    .cancel { border: 1px solid #d5dadd; background: #fff; color: #1d2327; }
    button:focus-visible, input:focus-visible { outline: 3px solid var(--_accent, #0b6e4f); outline-offset: 1px; }
    fieldset { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 8px; margin: 0; padding: 8px; border: 1px solid #d5dadd; border-radius: 10px; }
    legend { font-weight: 600; font-size: 13px; }
    label { display: flex; flex-direction: column; gap: 2px; font-size: 12.5px; color: #5f6b73; }
    label.wide, .problem, .acts { grid-column: 1 / -1; }
    input { font: inherit; padding: 6px 8px; border: 1px solid #b8c0c5; border-radius: 8px; color: #1d2327; }
    .problem { margin: 0; color: #b3261e; font-size: 12.5px; }
    .problem:empty { display: none; }
    .acts { display: flex; gap: 8px; justify-content: flex-end; }
  `;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.hidden = this.client?.clinic?.bookingRequests === false;
  }

  override render() {
    const words = this.words();
    if (!this._open) return html`<button class="open" part="booking-request" type="button" @click=${() => this.toggle_(true)}>${words.open}</button>`;
    const today = localDay(new Date());
    return html`<form @submit=${this.submit_} novalidate>
      <fieldset ?disabled=${this._busy}>
        <legend>${words.legend}</legend>
        <label>${words.day}<input name="day" type="date" required min=${today} .value=${today} /></label>
        <label>${words.time}<input name="time" type="time" required step="300" /></label>
        <label class="wide">${words.phone}<input name="phone" type="tel" required autocomplete="tel" inputmode="tel" /></label>
        <p class="problem" role="alert">${this._problem}</p>
        <span class="acts">
          <button class="cancel" type="button" @click=${() => this.toggle_(false)}>${words.cancel}</button>
          <button class="send" type="submit">${words.send}</button>
        </span>
      </fieldset>
    </form>`;
  }

  private toggle_(open: boolean): void {
    this._open = open;
    this._problem = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(open ? 'input' : '.open')?.focus());
  }

  private submit_ = async (event: Event) => {
    event.preventDefault();
    const fields = Object.fromEntries(new FormData(event.target as HTMLFormElement)) as Record<'day' | 'time' | 'phone', string>;
    const words = this.words();
    // The relay checks again; asking first spares a round trip for a typo.
    const problem = bookingProblem(fields.day, fields.time, Date.now()) ?? (fields.phone.trim() ? null : 'BOOKING_PHONE_INVALID');
    if (problem) return void (this._problem = words[problem]);
    this._busy = true;
    try {
      await this.client?.requestBooking(fields);
      this.toggle_(false);
    } catch (error) {
      const code = asClientError(error).code;
      this._problem = words[code as keyof PeopleWords] ?? words.failed;
    } finally {
      this._busy = false;
    }
  };
}
