/**
 * `clinic-chat/client`: the headless visitor client, for a chat UI of your own.
 * See clinic-chat-client.ts for an example.
 */
export {
  ClinicChatClient,
  type ClinicChatClientOptions,
  type ClientEvents,
  type ConnectionState,
  type OwnMessageState,
  type TimelineEntry,
  type VisitorIdentity,
} from './clinic-chat-client.ts';
export type { VisitorCredential } from './client-types.ts';
export { cookieCredential } from './cookie-credential.ts';
export { ClientError, type ClientErrorCode, type LocalErrorCode } from './client-core.ts';
export type { OutboxEntry } from './outbox.ts';
export type { ThreadSlot } from '../../protocol/slots.ts';
export type { Message, PatientThread, PublicClinic, StaffRef } from '../../protocol/model.ts';
export type { PatientContact, VisitorContact } from '../../protocol/contact-schema.ts';
