/**
 * The visitor namespace's socket, typed by the protocol's event maps, and `request`,
 * which turns an acknowledged emit into a promise of its `ok` value or a ClientError.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../protocol/errors.ts';
import type {
  VisitorClientToServer, VisitorEvent, VisitorHandshake, VisitorResults, VisitorServerToClient,
} from '../../protocol/events.ts';
import { ID_PATTERNS, LIMITS } from '../../protocol/limits.ts';
import { ClientError } from './client-error.ts';
import * as jsonParser from './json-parser.ts';

export type VisitorSocket = Socket<VisitorServerToClient, VisitorClientToServer>;
export type VisitorPayload<E extends VisitorEvent> = Parameters<VisitorClientToServer[E]>[0];

/** How long a request may wait for its ack before it counts as lost (and is retried). */
export const REQUEST_TIMEOUT_MS = 10_000;

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

/** Our own retries (sends the relay asked us to repeat, refusals Socket.IO leaves to us): first delay and cap. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/** The delay before retry number `attempt` (from 0): exponential, with ±50 % jitter. */
export function backoff(attempt: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** attempt) * (0.5 + Math.random());
}

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
    // JSON-only packets: the widget sends no binary data (see json-parser.ts).
    parser: jsonParser,
    // A function, so every reconnect sends the token as stored now (another tab may have set it).
    auth: (give) => give({ ...handshake() }),
    ...RECONNECT,
  });
}

type LooseEmit = (event: string, payload: unknown, ack: (err: Error | null, result: unknown) => void) => void;

/**
 * Sends a request and resolves with the ack's `ok`. Refuses at once while disconnected
 * instead of letting Socket.IO buffer it: the outbox, not the socket, holds what must be resent.
 */
export function request<E extends VisitorEvent>(
  socket: VisitorSocket,
  event: E,
  payload: VisitorPayload<E>,
  timeoutMs: number = REQUEST_TIMEOUT_MS,
): Promise<VisitorResults[E]> {
  if (!socket.connected) return Promise.reject(new ClientError('OFFLINE', `Not connected; ${event} not sent.`));
  return new Promise((resolve, reject) => {
    const timed = socket.timeout(timeoutMs) as unknown as { emit: LooseEmit };
    timed.emit(event, payload, (err, result) => {
      if (err) {
        reject(new ClientError('TIMEOUT', `No answer to ${event} within ${timeoutMs} ms.`, { cause: err }));
        return;
      }
      const ack = result as Ack<VisitorResults[E]>;
      if (ack.error) reject(ClientError.fromProtocol(ack.error));
      else resolve(ack.ok as VisitorResults[E]);
    });
  });
}
