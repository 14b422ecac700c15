/**
 * The visitor namespace's socket, typed by the protocol's event maps (requests go through
 * client-core.ts), and what its handshake says about the page.
 */
import { io, type Socket } from 'socket.io-client';
import type { VisitorClientToServer, VisitorHandshake, VisitorServerToClient } from '../../protocol/events.ts';
import { ID_PATTERNS, LIMITS } from '../../protocol/limits.ts';
import * as jsonParser from './json-parser.ts';

export type VisitorSocket = Socket<VisitorServerToClient, VisitorClientToServer>;

const RECONNECT = {
  /** First retry after about a second: most drops are a relay restart or a network blip. */
  reconnectionDelay: 1_000,
  /** Doubling stops here, so a patient who comes back online is reconnected within half a minute. */
  reconnectionDelayMax: 30_000,
  /** ±50 % jitter, so the visitors of a restarted relay do not all return at once. */
  randomizationFactor: 0.5,
} as const;

// The relay refuses a handshake whose page or time zone breaks these shared rules.
const PAGE_URL = new RegExp(ID_PATTERNS.pageUrl);
const TIME_ZONE = new RegExp(ID_PATTERNS.timeZone);

/** What the handshake tells staff about where the patient is: the page (without query or hash) and time zone. */
export function pageContext(): Pick<VisitorHandshake, 'page' | 'timeZone'> {
  // The query and hash are left out: they may carry the patient's own data (search terms, emails).
  const page = `${location.origin}${location.pathname}`.slice(0, LIMITS.pageUrlMax);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return {
    ...(PAGE_URL.test(page) ? { page } : {}),
    ...(timeZone && TIME_ZONE.test(timeZone) ? { timeZone } : {}),
  };
}

/** `relay` is the relay's origin, e.g. https://chat.example.org. */
export function createVisitorSocket(relay: string, handshake: () => VisitorHandshake): VisitorSocket {
  return io(`${relay.replace(/\/+$/, '')}/visitor`, {
    autoConnect: false,
    // WebSocket first; where a proxy blocks it, long-polling.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    // No probing for an upgrade once polling: a reconnect tries WebSocket first anyway (the chat chunk leaves the probe out).
    upgrade: false,
    // JSON-only packets: the widget sends no binary data (see json-parser.ts).
    parser: jsonParser,
    // A function, so every reconnect sends the token as stored now (another tab may have set it).
    auth: (give) => give({ ...handshake() }),
    ...RECONNECT,
  });
}
