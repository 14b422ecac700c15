/**
 * Binds a namespace's request table to its handlers on one socket: every inbound
 * event is rate-limited, validated against its protocol schema, run, and answered
 * with `{ ok }` or `{ error: { code, message } }`. Bad input never reaches a handler,
 * never disconnects the socket and never changes what is stored.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { Logger } from 'pino';
import { protocolError, type Ack, type ErrorCode } from '../../protocol/errors.ts';
import { createRateLimiter, type RateLimits } from './rate-limiter.ts';
import type { InFlight } from './in-flight.ts';
import { toProtocolError } from './error-mapping.ts';

export type Handlers<Req extends Record<string, TSchema>, Res extends { [E in keyof Req]: unknown }> = {
  [E in keyof Req]: (payload: Static<Req[E]>) => Promise<Ack<Res[E]>>;
};

/** The part of a Socket.IO socket the router needs, whatever its event map. */
interface RawSocket {
  onAny(listener: (event: string, ...args: unknown[]) => void): void;
  emit(event: 'event:error', payload: { event: string; error: ReturnType<typeof protocolError> }): boolean;
}

export interface RouterGuard {
  inFlight: InFlight;
  /** Past this many events being handled, new ones are refused with UNAVAILABLE (the outbox retries). */
  maxInFlight: number;
  rateLimits: RateLimits;
  isClosing(): boolean;
  log: Logger;
}

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();
function checker(schema: TSchema): TypeCheck<TSchema> {
  let check = compiled.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  return check;
}

/** Compiles a request table's schemas up front, so the first event pays nothing. */
export function precompile(requests: Record<string, TSchema>): void {
  for (const schema of Object.values(requests)) checker(schema);
}

function invalid(check: TypeCheck<TSchema>, payload: unknown): Ack<never> {
  const first = check.Errors(payload).First();
  const path = first?.path || '/';
  const code: ErrorCode = first && /Id$|\/(after|before|upTo)$/.test(path) && typeof first.value === 'string' ? 'BAD_ID' : 'BAD_REQUEST';
  return { error: protocolError(code, { path, reason: first?.message ?? 'invalid' }) };
}

export function bindEvents<Req extends Record<string, TSchema>, Res extends { [E in keyof Req]: unknown }>(
  socket: RawSocket,
  requests: Req,
  handlers: Handlers<Req, Res>,
  guard: RouterGuard,
  messageEvents: ReadonlySet<string>,
): void {
  const limiter = createRateLimiter(guard.rateLimits);

  async function answer(event: string, payload: unknown): Promise<Ack<unknown>> {
    // Shedding load keeps latency bounded: a backlog would only make every message late.
    if (guard.isClosing() || guard.inFlight.count >= guard.maxInFlight) return { error: protocolError('UNAVAILABLE') };
    if (!Object.hasOwn(requests, event)) return { error: protocolError('UNKNOWN_EVENT', { event }) };
    if (!limiter.take(messageEvents.has(event))) return { error: protocolError('RATE_LIMITED') };
    const check = checker(requests[event]!);
    if (!check.Check(payload)) return invalid(check, payload);
    const handler = handlers[event as keyof Req]!;
    try {
      return await guard.inFlight.track(() => handler(payload as Static<Req[keyof Req]>));
    } catch (error) {
      const mapped = toProtocolError(error);
      if (mapped.code === 'INTERNAL') guard.log.error({ code: 'RELAY_ERR_HANDLER', event, err: error }, 'event handler failed');
      return { error: mapped };
    }
  }

  socket.onAny((event, ...args) => {
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as (result: Ack<unknown>) => void) : null;
    const payload = ack ? (args.length > 1 ? args[0] : undefined) : args[0];
    void answer(event, payload).then((result) => {
      if (ack) ack(result);
      else if (result.error) socket.emit('event:error', { event, error: result.error });
    });
  });
}
