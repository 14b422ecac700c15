/**
 * The relay's logger. Logging is an allow-list: an error is written as
 * `{ type, code, message, stack, cause }` and nothing else, because error objects carry
 * what must never reach a log — ioredis attaches the failed command with its arguments
 * (for an append: the message JSON and preview), and JSON.parse quotes its input.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { RelayConfig } from './config.ts';
import { ClientError, RelayError } from './errors.ts';
import { fromRedisError } from './store/redis-errors.ts';

/** Fields that must never reach a log line: message text and personal data. */
const LOG_REDACT = ['req.headers.cookie', 'req.headers.authorization', 'text', 'email', 'password', 'name', 'phone'];

/** How deep a chain of `cause`s is followed. */
const MAX_CAUSES = 3;

/** Quoted parts of a message are where inputs hide ("Unexpected token … "<input>" is not valid JSON"). */
const QUOTED = /(["'`])(?:(?!\1).)*\1/g;

export interface SafeError {
  type: string;
  code?: string;
  message: string;
  stack?: string;
  cause?: SafeError;
}

/** Only codes shaped like ours, Node's or Redis's: a code is a label, never a value. */
const safeCode = (code: unknown): string | undefined => (typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code) ? code : undefined);

export function serializeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Error)) return { type: typeof error, message: '[not an Error]' };
  const fromRedis = fromRedisError(error);
  const own = error instanceof RelayError || error instanceof ClientError;
  const message = own ? error.message : fromRedis ? fromRedis.message : error.message.replace(QUOTED, '$1…$1');
  const serialized: SafeError = {
    type: error.name,
    message,
    // Frames only: the stack's first line repeats the unfiltered message.
    stack: error.stack
      ?.split('\n')
      .filter((line) => line.startsWith('    at '))
      .join('\n'),
  };
  const code = safeCode((fromRedis ?? (error as { code?: unknown })).code);
  if (code) serialized.code = code;
  if (error.cause !== undefined && depth < MAX_CAUSES) serialized.cause = serializeError(error.cause, depth + 1);
  return serialized;
}

export function createLogger(config: Pick<RelayConfig, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    redact: { paths: LOG_REDACT, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}
