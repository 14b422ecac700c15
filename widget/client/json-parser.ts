/**
 * Socket.IO's packet encoding (protocol 5) for JSON payloads only. The widget never sends
 * or receives binary data, and the default parser's binary support is ~1 KB gzip of the
 * widget's 30 KB budget. Text packets are byte-for-byte what socket.io-parser writes and
 * reads (json-parser.test.ts checks both directions against it); a binary packet is
 * refused like any malformed one, and Socket.IO then reconnects.
 *
 * Used through Socket.IO's documented `parser` option, and the widget's bundle also resolves
 * socket.io-client's own `socket.io-parser` import here, so the default is not shipped.
 */

export const protocol = 5;

export const PacketType = {
  CONNECT: 0,
  DISCONNECT: 1,
  EVENT: 2,
  ACK: 3,
  CONNECT_ERROR: 4,
  BINARY_EVENT: 5,
  BINARY_ACK: 6,
} as const;

export interface Packet {
  type: number;
  nsp: string;
  id?: number;
  data?: unknown;
}

/** Event names the client side gives a meaning of its own; a server may not send them. */
const RESERVED_EVENTS = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];

const isObject = (value: unknown) => Object.prototype.toString.call(value) === '[object Object]';

function isPayloadValid(type: number, payload: unknown): boolean {
  switch (type) {
    case PacketType.CONNECT:
      return isObject(payload);
    case PacketType.DISCONNECT:
      return payload === undefined;
    case PacketType.CONNECT_ERROR:
      return typeof payload === 'string' || isObject(payload);
    case PacketType.EVENT: {
      const name: unknown = Array.isArray(payload) ? payload[0] : undefined;
      return Array.isArray(payload) && (typeof name === 'number' || (typeof name === 'string' && !RESERVED_EVENTS.includes(name)));
    }
    case PacketType.ACK:
      return Array.isArray(payload);
    default:
      return false;
  }
}

export class Encoder {
  encode(packet: Packet): string[] {
    let text = String(packet.type);
    if (packet.nsp && packet.nsp !== '/') text += `${packet.nsp},`;
    if (packet.id != null) text += packet.id;
    if (packet.data != null) text += JSON.stringify(packet.data);
    return [text];
  }
}

/** Reads one packet per frame; socket.io-client listens with `on('decoded', …)`. */
export class Decoder {
  private listener_: ((packet: Packet) => void) | null = null;

  on(_event: 'decoded', listener: (packet: Packet) => void): this {
    this.listener_ = listener;
    return this;
  }

  off(_event?: 'decoded', listener?: (packet: Packet) => void): this {
    if (!listener || listener === this.listener_) this.listener_ = null;
    return this;
  }

  add(frame: unknown): void {
    if (typeof frame !== 'string') throw new Error('binary packets are not supported');
    this.listener_?.(decode(frame));
  }

  destroy(): void {
    this.listener_ = null;
  }
}

export function decode(text: string): Packet {
  const type = Number(text.charAt(0));
  if (!(type >= PacketType.CONNECT && type <= PacketType.CONNECT_ERROR)) throw new Error(`unsupported packet type ${text.charAt(0)}`);
  const packet: Packet = { type, nsp: '/' };
  let at = 1;
  if (text.charAt(1) === '/') {
    const comma = text.indexOf(',', 1);
    const end = comma === -1 ? text.length : comma;
    packet.nsp = text.slice(1, end);
    at = end + 1;
  }
  let idEnd = at;
  while (idEnd < text.length && text.charCodeAt(idEnd) >= 48 && text.charCodeAt(idEnd) <= 57) idEnd++;
  if (idEnd > at) packet.id = Number(text.slice(at, idEnd));
  if (idEnd < text.length) {
    // A frame that is not JSON fails like an invalid payload: the manager closes with "parse error".
    const payload: unknown = JSON.parse(text.slice(idEnd));
    if (!isPayloadValid(type, payload)) throw new Error('invalid payload');
    packet.data = payload;
  }
  return packet;
}
