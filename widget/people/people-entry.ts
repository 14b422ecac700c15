// The people chunk (dist/widget/people-[hash].js, or a split chunk of `clinic-chat/widget`),
// issue 13 §3: <clinic-chat-doctors> (whom to write to, as cards), <clinic-chat-booking>
// (a visit request from the chat) and <clinic-chat-booking-line> (a request and its outcome
// in the conversation). Fetched when the panel opens: none of it is in the first-message budget.
import { BookingForm } from './booking-form.ts';
import { BookingLine } from './booking-line.ts';
import { DoctorCards } from './doctor-cards.ts';

for (const [name, element] of [
  ['clinic-chat-doctors', DoctorCards],
  ['clinic-chat-booking', BookingForm],
  ['clinic-chat-booking-line', BookingLine],
] as const) {
  if (!customElements.get(name)) customElements.define(name, element);
}
