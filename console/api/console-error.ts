import { ERRORS, type ErrorCode, type ProtocolError } from '../../protocol/errors.ts';

/** Failures that happen on this side of the wire: no connection, or no answer in time. */
export type LocalErrorCode = 'OFFLINE' | 'TIMEOUT';
export type ConsoleErrorCode = ErrorCode | LocalErrorCode;

/** A failed request: a protocol error the relay returned, or a local one. */
export class ConsoleError extends Error {
  readonly code: ConsoleErrorCode;
  /** The relay's details, e.g. `{ path: '/email' }` for a BAD_REQUEST. */
  readonly data: Record<string, unknown> | undefined;

  constructor(code: ConsoleErrorCode, message: string, options?: { cause?: unknown; data?: Record<string, unknown> }) {
    super(message, options);
    this.name = 'ConsoleError';
    this.code = code;
    this.data = options?.data;
  }

  static fromProtocol(error: ProtocolError): ConsoleError {
    return new ConsoleError(error.code, error.message, error.data ? { data: error.data } : undefined);
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, value);
}

/** The code of any thrown value, for callers that branch on it. */
export function errorCode(error: unknown): ConsoleErrorCode {
  return error instanceof ConsoleError ? error.code : 'INTERNAL';
}
