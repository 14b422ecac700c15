/**
 * Every test connection checks what the relay sends against the protocol's schema
 * tables: each ack against its event's result schema (or the error schema), each push
 * against its payload schema. A relay that drifts from protocol/ fails the test that
 * saw it, not a client in production.
 */
import type { TSchema } from '@sinclair/typebox';
import { ProtocolErrorSchema, STAFF_PUSH_SECONDS, STAFF_PUSHES, STAFF_RESULTS, VISITOR_PUSHES, VISITOR_RESULTS } from '../../protocol/events.ts';
import { payloadError } from '../payload-check.ts';

interface Tables {
  results: Record<string, TSchema>;
  pushes: Record<string, TSchema>;
  /** A push's second argument, where the protocol has one. */
  seconds: Record<string, TSchema>;
}

export const SIDES = {
  visitor: { results: VISITOR_RESULTS, pushes: VISITOR_PUSHES, seconds: {} },
  staff: { results: STAFF_RESULTS, pushes: STAFF_PUSHES, seconds: STAFF_PUSH_SECONDS },
} as const satisfies Record<string, Tables>;

export class ProtocolViolation extends Error {
  override readonly name = 'ProtocolViolation';
}

const watched = new WeakMap<object, Tables>();

function violation(what: string, schema: TSchema | undefined, value: unknown): ProtocolViolation | null {
  if (!schema) return new ProtocolViolation(`${what} is not in the protocol`);
  const problem = payloadError(schema, value);
  return problem ? new ProtocolViolation(`${what} does not match its schema at ${String(problem.data?.path)}: ${String(problem.data?.reason)}`) : null;
}

interface AnyListener {
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
}

/** Checks every push the socket receives; a mismatch is thrown from the listener, failing the running test. */
export function watchPushes(socket: AnyListener, side: keyof typeof SIDES): void {
  const tables: Tables = SIDES[side];
  watched.set(socket, tables);
  socket.onAny((event, payload, ...rest: unknown[]) => {
    const problem =
      violation(`push "${event}"`, tables.pushes[event], payload) ??
      (rest.length > 0 ? violation(`second argument of push "${event}"`, tables.seconds[event], rest[0]) : null);
    if (problem) throw problem;
    if (rest.length > 1) throw new ProtocolViolation(`push "${event}" has more arguments than the protocol gives`);
  });
}

/** Throws when an ack does not match its event's result schema or the protocol's error shape. */
export function checkAck(socket: object, event: string, ack: { ok?: unknown; error?: unknown }): void {
  const tables = watched.get(socket);
  if (!tables) return;
  const problem =
    ack.error !== undefined
      ? violation(`error ack of "${event}"`, ProtocolErrorSchema, ack.error)
      : violation(`ack of "${event}"`, tables.results[event], ack.ok);
  if (problem) throw problem;
}
