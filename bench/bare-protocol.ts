/**
 * The wire contract of the reference "bare" relay: one event in, one event out.
 * Clients name their room in the handshake query (`?room=r12`).
 */
export interface BareSend {
  room: string;
  text: string;
  clientId: string;
}

export interface BareMessage extends BareSend {
  /** The stream id Redis gave the entry. */
  id: string;
}

export type BareAck = { id: string; error?: undefined } | { id?: undefined; error: string };

export interface BareClientToServer {
  send: (payload: BareSend, ack: (result: BareAck) => void) => void;
}

export interface BareServerToClient {
  message: (message: BareMessage) => void;
}

export const BARE_READY_TEXT = 'bare relay is up at';
