/**
 * The one interface every outbound channel (e-mail, SMS) implements, so the queue
 * sends without knowing how. A channel never throws and never puts the recipient or
 * the text into its error: a failure is a value with a RelayError whose detail holds
 * only protocol codes (an SMTP reply code, an HTTP status).
 */
import type { RelayError } from '../errors.ts';

export type ChannelKind = 'email' | 'sms';

/** What goes out. `subject` and `html` are used by e-mail only; SMS sends `text`. */
export interface OutboundMessage {
  subject: string;
  text: string;
  html?: string;
}

export type SendResult =
  | { ok: true }
  /** `permanent`: the same message would be refused again (a bad address), so retrying is pointless. */
  | { ok: false; error: RelayError; permanent: boolean };

export interface Channel {
  readonly kind: ChannelKind;
  /** `to`: an e-mail address, or a phone in E.164. */
  send(to: string, message: OutboundMessage): Promise<SendResult>;
  /** Ends pooled connections; sends after close fail. */
  close(): Promise<void>;
}
