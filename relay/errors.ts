/**
 * The relay's internal error registry: every `RELAY_ERR_*` code lives here once, with
 * what it means, and — for errors that can surface on a request — the protocol code
 * a client sees instead. Stores throw these; handlers throw `ClientError` with a
 * protocol code; the event router and the HTTP error handler are the only places that
 * turn a thrown error into an ack or a body and decide what to log.
 * The table in relay/README.md lists every code; relay/errors.test.ts checks both ways.
 */
import type { ErrorCode } from '../protocol/errors.ts';
import { protocolError, type ProtocolError } from '../protocol/errors.ts';

export const RELAY_ERRORS = {
  RELAY_ERR_NO_THREAD: { message: 'no such thread', client: 'NOT_FOUND' },
  RELAY_ERR_THREAD_CLOSED: { message: 'the thread is closed', client: 'THREAD_CLOSED' },
  RELAY_ERR_STORE_UNAVAILABLE: { message: 'redis is not reachable', client: 'UNAVAILABLE' },
  RELAY_ERR_STORE_REPLY: { message: 'redis refused a command', client: 'INTERNAL' },
  RELAY_ERR_SITE_KEY_TAKEN: { message: 'the site key is already in use', client: 'BAD_REQUEST' },
  RELAY_ERR_EMAIL_TAKEN: { message: 'the e-mail address is already in use', client: 'BAD_REQUEST' },
  RELAY_ERR_HANDLER: { message: 'an event handler failed', client: 'INTERNAL' },
  RELAY_ERR_HTTP: { message: 'an HTTP request failed', client: 'INTERNAL' },
  RELAY_ERR_VISITOR_HANDSHAKE: { message: 'a visitor handshake failed', client: 'INTERNAL' },
  RELAY_ERR_STAFF_HANDSHAKE: { message: 'a staff handshake failed', client: 'INTERNAL' },
  RELAY_ERR_CLINIC_PROFILE: { message: 'the clinic profile could not be read', client: 'INTERNAL' },
  RELAY_ERR_NOT_READY: { message: 'redis is not answering', client: 'UNAVAILABLE' },
  RELAY_ERR_NOT_BUILT: { message: 'browser bundles are missing', client: null },
  RELAY_ERR_CONFIG: { message: 'a configuration value is invalid', client: null },
  RELAY_ERR_CLI_USAGE: { message: 'the command line is invalid', client: null },
  RELAY_ERR_SHUTDOWN_TIMEOUT: { message: 'shutdown took too long', client: null },
  RELAY_ERR_START: { message: 'the relay failed to start', client: null },
  RELAY_ERR_CRASH: { message: 'an uncaught error stopped the relay', client: null },
  RELAY_ERR_INBOX_CONTENDED: { message: "a thread's inbox entry kept changing while it was re-indexed", client: 'UNAVAILABLE' },
  RELAY_ERR_MAIL_SEND: { message: 'the mail server did not accept a notice', client: null },
  RELAY_ERR_SMS_SEND: { message: 'the SMS gateway did not accept a notice', client: null },
  RELAY_ERR_NOTIFY_NO_CHANNEL: { message: 'no channel is configured for a notice', client: null },
  RELAY_ERR_NOTIFY_FAILED: { message: 'a notice failed after its last attempt', client: null },
  RELAY_ERR_NOTIFY_RESOLVE: { message: 'the notification condition could not be checked', client: null },
  RELAY_ERR_NOTIFY_SCHEDULE: { message: 'a notice could not be scheduled or cancelled', client: null },
  RELAY_ERR_NOTIFY_MARK: { message: 'the notification-failed mark could not be changed', client: null },
  RELAY_ERR_MAIL_CATCHER: { message: 'the local mail catcher failed', client: null },
  RELAY_ERR_WEBHOOK_SEND: { message: 'a webhook receiver did not accept a delivery', client: null },
  RELAY_ERR_WEBHOOK_ENQUEUE: { message: 'a webhook delivery could not be queued', client: null },
  RELAY_ERR_ATTACHMENT_TAKEN: { message: 'an attachment is not an unsent upload of this sender', client: 'ATTACHMENT_NOT_FOUND' },
  RELAY_ERR_ATTACHMENT_STORAGE: { message: 'the attachment storage failed', client: 'INTERNAL' },
  RELAY_ERR_ATTACHMENT_SWEEP: { message: 'removing unsent uploads failed', client: null },
  RELAY_ERR_REPORT_RECORD: { message: 'a report event could not be recorded', client: null },
  RELAY_ERR_AWAY_MESSAGE: { message: 'the away message could not be added', client: null },
  RELAY_ERR_ERASURE: { message: 'an erasure step failed', client: 'INTERNAL' },
  RELAY_ERR_AOF_REWRITE: { message: 'redis did not start an AOF rewrite after an erasure', client: null },
  RELAY_ERR_PUSH_SEND: { message: 'a push to a staff member was not sent', client: null },
} as const satisfies Record<string, { message: string; client: ErrorCode | null }>;

export type RelayErrorCode = keyof typeof RELAY_ERRORS;

/** A failure inside the relay, with a registered code. `detail` must never hold patient data. */
export class RelayError extends Error {
  override readonly name = 'RelayError';
  constructor(
    readonly code: RelayErrorCode,
    detail?: string,
    options?: { cause?: unknown },
  ) {
    super(detail ? `${RELAY_ERRORS[code].message}: ${detail}` : RELAY_ERRORS[code].message, options);
  }
}

/** A refusal the client caused and may read: thrown by handlers, answered by the router. */
export class ClientError extends Error {
  override readonly name = 'ClientError';
  constructor(
    readonly code: ErrorCode,
    readonly data?: Record<string, unknown>,
  ) {
    super(code);
  }

  toProtocol(): ProtocolError {
    return protocolError(this.code, this.data);
  }
}

/** What a client may see of any thrown error: its own refusal, a mapped internal code, or INTERNAL. */
export function toProtocolError(error: unknown): ProtocolError {
  if (error instanceof ClientError) return error.toProtocol();
  if (error instanceof RelayError) return protocolError(RELAY_ERRORS[error.code].client ?? 'INTERNAL');
  return protocolError('INTERNAL');
}
