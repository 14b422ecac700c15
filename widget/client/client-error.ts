import { RETRYABLE, type ErrorCode, type ProtocolError } from '../../protocol/errors.ts';

/** Codes the client adds to the protocol's: conditions found on this side of the wire. */
export type LocalErrorCode = 'OFFLINE' | 'TIMEOUT';

/** Every failure the client reports carries a stable code. */
export class ClientError extends Error {
  readonly code: ErrorCode | LocalErrorCode;
  readonly data: Record<string, unknown> | undefined;

  constructor(code: ErrorCode | LocalErrorCode, message: string, options?: { cause?: unknown; data?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ClientError';
    this.code = code;
    this.data = options?.data;
  }

  static fromProtocol(error: ProtocolError): ClientError {
    return new ClientError(error.code, error.message, { data: error.data });
  }
}

/** Whether a request that failed so may succeed later unchanged (the outbox keeps it). */
export function isRetryable(code: string): boolean {
  return code === 'OFFLINE' || code === 'TIMEOUT' || RETRYABLE.has(code as ErrorCode);
}

export function asClientError(error: unknown): ClientError {
  return error instanceof ClientError ? error : new ClientError('INTERNAL', String(error), { cause: error });
}
