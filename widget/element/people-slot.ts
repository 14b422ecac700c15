/**
 * Where the people elements go in the panel (issue 13 §3): `<clinic-chat-doctors>` (whom to
 * write to, as cards) and `<clinic-chat-booking>` (a visit request from the chat), whose code
 * (widget/people/) is fetched only here, when the panel is open. Until it arrives they are empty.
 */
import { html } from 'lit';
import type { Message } from '../../protocol/model.ts';
import type { ClinicChatClient } from '../client/clinic-chat-client.ts';
import { loadPeople } from '../people/load-people.ts';

export function doctorCards(client: ClinicChatClient) {
  loadPeople();
  return html`<clinic-chat-doctors part="doctors" .client=${client}></clinic-chat-doctors>`;
}

export function bookingRequest(client: ClinicChatClient) {
  loadPeople();
  return html`<clinic-chat-booking part="booking-request" .client=${client}></clinic-chat-booking>`;
}

/** A booking request or the clinic's answer to it, in the conversation. */
export function bookingLine(message: Message) {
  loadPeople();
  return html`<clinic-chat-booking-line .message=${message}></clinic-chat-booking-line>`;
}
