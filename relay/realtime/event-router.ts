/**
 * The one router both namespaces use. A namespace declares a table with one route per
 * event of its protocol request map; the router applies, in this order and nowhere
 * else: load shedding (in all and per clinic), the socket's rate limit, the sender's rate
 * limit (its token or staff member, across sockets and relays), the event's schema (and payload rules),
 * the caller's role, the thread access, and then the handler. Whatever a step or the
 * handler throws becomes the ack here (`reportFailure` decides what is logged), so bad
 * input never reaches a handler, never disconnects the socket and never changes what is
 * stored, and a role that may not call an event never makes its handler read anything.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { Logger } from 'pino';
import { protocolError, type Ack, type ProtocolError } from '../../protocol/errors.ts';
import type { ThreadId } from '../../protocol/ids.ts';
import { payloadError, precompile } from '../payload-check.ts';
import type { ThreadMeta } from '../store/thread-store.ts';
import { reportFailure } from '../failure.ts';
import type { InFlight } from './in-flight.ts';
import { createRateLimiter, type RateLimits } from './rate-limiter.ts';
import type { CallerScope, SenderLimiter } from './sender-limiter.ts';

/**
 * `append`: write access for a message append, which itself checks that the patient's
 * thread is still theirs to write (store/scripts/append-message.lua), so a socket's next
 * message to a thread it wrote to needs no read first (thread-access.ts); staff: as `write`.
 */
export type ThreadAccess = 'read' | 'write' | 'append';

interface RouteRules<Role, P> {
  /** Who may call the event: decided from the role (and payload) alone, before any thread is read. */
  allow(role: Role, payload: P): boolean;
  /** Payload rules a schema cannot express, checked in the schema step. */
  check?(payload: P): ProtocolError | null;
  /** Counts against the socket's message limit as well as its event limit. */
  message?: true;
}

interface ThreadRoute<Ctx, Role, P, R> extends RouteRules<Role, P> {
  /** The caller must have this access to the thread the payload's `threadId` names. */
  access: ThreadAccess;
  handle(ctx: Ctx, payload: P, thread: ThreadMeta): Promise<R>;
}

interface FreeRoute<Ctx, Role, P, R> extends RouteRules<Role, P> {
  access: null;
  handle(ctx: Ctx, payload: P): Promise<R>;
}

/** Thread access can be declared only for events whose payload names a thread. */
export type Route<Ctx, Role, P, R> = [P] extends [{ threadId: ThreadId }]
  ? ThreadRoute<Ctx, Role, P, R> | FreeRoute<Ctx, Role, P, R>
  : FreeRoute<Ctx, Role, P, R>;

/** A namespace's table, typed by the protocol's request and result maps. */
export type Routes<Req extends Record<string, TSchema>, Res extends { [E in keyof Req]: unknown }, Ctx, Role> = {
  [E in keyof Req]: Route<Ctx, Role, Static<Req[E]>, Res[E]>;
};

/** For events every caller of a namespace may send. */
export const anyone = (): boolean => true;

/** One connected caller, as its namespace describes it to the router. */
export interface Caller<Ctx, Role> {
  ctx: Ctx;
  role: Role;
  /** Whose budgets the caller's events count against. */
  scope: CallerScope;
  /** The thread, if the caller has this access to it; otherwise throws NOT_FOUND or FORBIDDEN. */
  thread(threadId: ThreadId, access: ThreadAccess): Promise<ThreadMeta>;
}

/** The part of a Socket.IO socket the router needs, whatever its event map. */
interface RawSocket {
  onAny(listener: (event: string, ...args: unknown[]) => void): void;
  emit(event: 'event:error', payload: { event: string; error: ProtocolError }): boolean;
  disconnect(close: boolean): unknown;
}

export interface RouterGuard {
  inFlight: InFlight;
  /** Past this many events being handled, new ones are refused with UNAVAILABLE (the outbox retries). */
  maxInFlight: number;
  /** Past this many events of one clinic being handled, that clinic's new ones are refused with UNAVAILABLE. */
  maxInFlightPerClinic: number;
  rateLimits: RateLimits;
  senders: SenderLimiter;
  isClosing(): boolean;
  log: Logger;
  /** Called once per answered event (metrics): the event's name (null when no route has it), its answer, `performance.now()` at arrival. */
  observe?(event: string | null, result: Ack<unknown>, startedAt: number): void;
}

/** A route with its types erased, as the router runs it after the schema has checked the payload. */
interface RunnableRoute {
  access: ThreadAccess | null;
  allow(role: unknown, payload: unknown): boolean;
  check?(payload: unknown): ProtocolError | null;
  message?: true;
  handle(ctx: unknown, payload: unknown, thread?: ThreadMeta): Promise<unknown>;
}

export function createRouter<Req extends Record<string, TSchema>, Res extends { [E in keyof Req]: unknown }, Ctx, Role>(
  requests: Req,
  routes: Routes<Req, Res, Ctx, Role>,
  guard: RouterGuard,
) {
  precompile(Object.values(requests));
  const table = routes as unknown as Record<string, RunnableRoute>;
  const refuse = (code: ProtocolError['code']): Ack<never> => ({ error: protocolError(code) });

  async function answer(caller: Caller<Ctx, Role>, limiter: ReturnType<typeof createRateLimiter>, event: string, payload: unknown): Promise<Ack<unknown>> {
    // Shedding load keeps latency bounded: a backlog would only make every message late.
    // This event is itself counted (see bind), hence `>`.
    const { inFlight } = guard;
    if (guard.isClosing() || inFlight.count > guard.maxInFlight || inFlight.countOf(caller.scope.clinicId) > guard.maxInFlightPerClinic) {
      return refuse('UNAVAILABLE');
    }
    const route = Object.hasOwn(table, event) ? table[event]! : null;
    const isMessage = route?.message === true;
    if (!limiter.take(isMessage)) return refuse('RATE_LIMITED');
    try {
      if (!(await guard.senders.take(caller.scope.sender, isMessage))) return refuse('RATE_LIMITED');
    } catch (error) {
      return { error: reportFailure(error, guard.log, { code: 'RELAY_ERR_HANDLER', event }) };
    }
    if (!route) return { error: protocolError('UNKNOWN_EVENT', { event }) };
    const problem = payloadError(requests[event]!, payload) ?? route.check?.(payload) ?? null;
    if (problem) return { error: problem };
    if (!route.allow(caller.role, payload)) return refuse('FORBIDDEN');
    try {
      const thread = route.access ? await caller.thread((payload as { threadId: ThreadId }).threadId, route.access) : undefined;
      return { ok: await route.handle(caller.ctx, payload, thread) };
    } catch (error) {
      return { error: reportFailure(error, guard.log, { code: 'RELAY_ERR_HANDLER', event }) };
    }
  }

  return {
    /** Answers every event `socket` sends on behalf of `caller`, with its own rate limit. */
    bind(socket: RawSocket, caller: Caller<Ctx, Role>): void {
      const limiter = createRateLimiter(guard.rateLimits);
      socket.onAny((event, ...args) => {
        const last = args.at(-1);
        const ack = typeof last === 'function' ? (last as (result: Ack<unknown>) => void) : null;
        const payload = ack ? (args.length > 1 ? args[0] : undefined) : args[0];
        // Counted until the answer is written, so a draining shutdown never closes the
        // socket between a handler's end and its ack.
        const startedAt = performance.now();
        void guard.inFlight.track(async () => {
          const result = await answer(caller, limiter, event, payload);
          if (ack) ack(result);
          else if (result.error) socket.emit('event:error', { event, error: result.error });
          guard.observe?.(Object.hasOwn(table, event) ? event : null, result, startedAt);
          // Past the socket's refusals, or its sender's over all its sockets (sender-limiter.ts).
          if (result.error?.code === 'RATE_LIMITED' && (limiter.refused() || guard.senders.refused(caller.scope.sender))) socket.disconnect(true);
        }, caller.scope.clinicId);
      });
    },
  };
}
