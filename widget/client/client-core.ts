/**
 * What every client of the relay needs, whatever it shows: the error class with its codes,
 * which failures are worth retrying, the backoff between tries, `request` (an acknowledged
 * emit as a promise) and the catch-up loop over `message:history`. The widget's client
 * and the staff console both use this module, so the two cannot drift apart.
 */
import type { Socket } from 'socket.io-client';
import { RETRYABLE, type Ack, type ErrorCode, type ProtocolError } from '../../protocol/errors.ts';
import { LIMITS } from '../../protocol/limits.ts';
import { laterStreamId, type StreamId, type ThreadId } from '../../protocol/stream-ids.ts';
import type { HistoryPage, HistoryRequest } from '../../protocol/requests.ts';

/** Codes the client adds to the protocol's: conditions found on this side of the wire. */
export type LocalErrorCode = 'OFFLINE' | 'TIMEOUT';
export type ClientErrorCode = ErrorCode | LocalErrorCode;

/** Every failure the client reports carries a stable code. */
export class ClientError extends Error {
  readonly code: ClientErrorCode;
  /** The relay's details, e.g. `{ max: 4000 }` for TEXT_TOO_LONG or `{ path: '/email' }` for BAD_REQUEST. */
  readonly data: Record<string, unknown> | undefined;

  constructor(code: ClientErrorCode, message: string, options?: { cause?: unknown; data?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ClientError';
    this.code = code;
    this.data = options?.data;
  }

  static fromProtocol(error: ProtocolError): ClientError {
    return new ClientError(error.code, error.message, { data: error.data });
  }
}

/** Whether a request that failed so may succeed later unchanged (an outbox keeps it). */
export function isRetryable(code: string): boolean {
  return code === 'OFFLINE' || code === 'TIMEOUT' || RETRYABLE.has(code as ErrorCode);
}

export function asClientError(error: unknown): ClientError {
  return error instanceof ClientError ? error : new ClientError('INTERNAL', String(error), { cause: error });
}

/** Our own retries (a send the relay asked to repeat, a refusal Socket.IO leaves to us): first delay and cap. */
const RETRY_FIRST_MS = 1_000;
/** Doubling stops here, so whoever comes back online is served again within half a minute. */
const RETRY_MAX_MS = 30_000;

/**
 * The delay before retry number `attempt` (from 0): exponential, with ±50 % jitter so the
 * clients of a restarted relay do not all return at the same moment.
 */
export function backoff(attempt: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** attempt) * (0.5 + Math.random());
}

/** How long a request may wait for its ack before it counts as lost (and is retried). */
export const REQUEST_TIMEOUT_MS = 10_000;

type Events = Record<string, (...args: never[]) => void>;
type Payload<M extends Events, E extends keyof M> = Parameters<M[E]>[0];
type AckOf<M extends Events, E extends keyof M> = Parameters<Parameters<M[E]>[1]>[0];
/** The `ok` of the ack an event is answered with. */
export type Result<M extends Events, E extends keyof M> = AckOf<M, E> extends { ok?: infer R } ? Exclude<R, undefined> : never;
type LooseEmit = (event: string, payload: unknown, ack: (err: Error | null, result: unknown) => void) => void;

/**
 * Sends a request and resolves with the ack's `ok`, or rejects with a ClientError: the
 * relay's code, or TIMEOUT. Refuses at once (OFFLINE) while disconnected instead of letting
 * Socket.IO buffer it: an outbox or the resync after a reconnect repeats what must be repeated.
 */
export function request<L extends Events, M extends Events, E extends keyof M & string>(
  socket: Socket<L, M> | null | undefined,
  event: E,
  payload: Payload<M, E>,
  timeoutMs: number = REQUEST_TIMEOUT_MS,
): Promise<Result<M, E>> {
  if (!socket?.connected) return Promise.reject(new ClientError('OFFLINE', `Not connected; ${event} not sent.`));
  return new Promise((resolve, reject) => {
    const timed = socket.timeout(timeoutMs) as unknown as { emit: LooseEmit };
    timed.emit(event, payload, (err, result) => {
      if (err) {
        reject(new ClientError('TIMEOUT', `No answer to ${event} within ${timeoutMs} ms.`, { cause: err }));
        return;
      }
      const ack = result as Ack<Result<M, E>>;
      if (ack.error) reject(ClientError.fromProtocol(ack.error));
      else resolve(ack.ok as Result<M, E>);
    });
  });
}

/** One `message:history` request: after a stream id (catching up), before one (scrolling back), or the newest page. */
export type FetchPage = (request: HistoryRequest) => Promise<HistoryPage>;

/**
 * Asks for everything after `after`, page by page, until the relay has no more; each page
 * goes to `take` with the id it reaches. Resolves false when retention removed messages
 * after `after` (`reset`): the caller drops its copy and loads the newest page.
 */
export async function catchUp(
  fetchPage: FetchPage,
  threadId: ThreadId,
  after: StreamId | null,
  take: (page: HistoryPage, reached: StreamId | null) => void,
): Promise<boolean> {
  for (;;) {
    const page = await fetchPage({ threadId, ...(after ? { after } : {}), limit: LIMITS.pageSizeMax });
    if (page.reset) return false;
    const reached = laterStreamId(page.cursor, page.messages.at(-1)?.id ?? null);
    take(page, reached);
    if (!page.hasMore || !reached) return true;
    after = reached;
  }
}
