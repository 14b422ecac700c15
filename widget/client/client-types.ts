/** The headless client's public types. */
import type { Locale } from '../../protocol/locales.ts';
import type { Message, PatientThread, PublicClinic } from '../../protocol/model.ts';
import type { ClientError } from './client-core.ts';
import type { OutboxEntry } from './outbox.ts';

export type ConnectionState = 'idle' | 'connecting' | 'online' | 'offline' | 'refused';

export interface ClinicChatClientOptions {
  /** The clinic's public site key. */
  siteKey: string;
  /** The relay's origin, e.g. `https://chat.example.org`. */
  relay: string;
  /** Where to keep the token and the outbox; default localStorage. `null`: memory only. */
  storage?: Storage | null;
  /**
   * A visitor token to use from now on, replacing the one stored for this site key: the
   * relay's resume-link page hands one over to bind this browser to the patient.
   */
  token?: string | null;
  /** The widget's language: the relay sends the clinic's greeting and office hours in it where the clinic wrote them so (else its default). */
  lang?: Locale;
  /**
   * Cookie mode, for a relay served over https: where the visitor's connection tokens come
   * from instead of localStorage — `cookieCredential(relay, siteKey)` of cookie-credential.ts,
   * which keeps the long-lived token in the relay's partitioned HttpOnly cookie. The token is
   * then held in memory only. Rejects like a refused handshake (an Error with `data.code`).
   */
  credential?: () => Promise<VisitorCredential>;
}

/** A connection token, and whether the relay made a new visitor for it (the cookie named none). */
export interface VisitorCredential {
  token: string;
  fresh: boolean;
}

/** What a patient may tell the clinic about themselves. */
export interface VisitorIdentity {
  name?: string;
  email?: string;
  phone?: string;
  /**
   * A site with signed-in patients: its own id of the patient, and `signature`, hex
   * HMAC-SHA256 of it with the clinic's identity secret (computed on the clinic's server).
   * Staff then see the patient as verified, and this browser joins the patient's history
   * from their other devices.
   */
  patientId?: string;
  signature?: string;
}

export type OwnMessageState = 'sending' | 'sent' | 'read' | 'failed';

/**
 * One line of the visible conversation: a stored message, one of ours not yet stored, or
 * where a new request begins (a thread written after the one above was closed).
 */
export type TimelineEntry =
  | { kind: 'stored'; message: Message; own: boolean; state: OwnMessageState | null }
  | { kind: 'unsent'; entry: OutboxEntry; own: true; state: 'sending' | 'failed'; error: ClientError | null }
  | { kind: 'divider'; thread: PatientThread };

export interface ClientEvents {
  /** Anything visible changed: re-render. */
  change: void;
  state: ConnectionState;
  session: PublicClinic;
  /** A new message from the clinic arrived live. */
  message: Message;
  /** The number of clinic messages the patient has not read, across conversations. */
  unread: number;
  error: ClientError;
}
