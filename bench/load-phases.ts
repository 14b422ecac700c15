/**
 * The two ways the benchmark drives a relay through a set of patient→listener pairs:
 * a fixed offered rate (open loop, the figures the issue asks for) and a saturation
 * run (closed loop with a bounded number of messages in flight) that finds the
 * throughput ceiling on this machine.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createDeliveryTracker, type DeliveryFigures, type DeliveryTracker } from './delivery-tracker.ts';

/** One patient connection whose messages reach exactly one listener connection. */
export interface Pair {
  send(clientId: string, text: string, acked: (ok: boolean) => void): void;
}

/** Connected pairs, ready to send; `onDelivery` hears every message a listener receives. */
export interface Load {
  pairs: Pair[];
  onDelivery(handler: (clientId: string) => void): void;
  /** Sockets that dropped before `close()`, by Socket.IO's reason: none should. */
  disconnects(): Record<string, number>;
  close(): void;
}

interface PoolSocket {
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  close(): unknown;
}

/**
 * The sockets of one load: counts those that drop (by reason), passes deliveries to the
 * phase that listens, and closes them all, so each relay's load only says how it connects.
 */
export function createSocketPool() {
  const sockets: PoolSocket[] = [];
  const drops: Record<string, number> = {};
  let closing = false;
  let deliver: (clientId: string) => void = () => {};
  const closeAll = () => {
    closing = true;
    for (const socket of sockets) socket.close();
  };
  return {
    add<S extends PoolSocket>(socket: S): S {
      sockets.push(socket);
      socket.on('disconnect', (reason) => {
        if (!closing) drops[reason] = (drops[reason] ?? 0) + 1;
      });
      return socket;
    },
    delivered(clientId: string): void {
      deliver(clientId);
    },
    closeAll,
    load(pairs: Pair[]): Load & { sockets: number } {
      return {
        pairs,
        sockets: sockets.length,
        onDelivery(handler) {
          deliver = handler;
        },
        disconnects: () => ({ ...drops }),
        close: closeAll,
      };
    },
  };
}

/** A scheduler tick: each sends what the rate owes since the start, so timer jitter does not lower the rate. */
const TICK_MS = 10;
const DRAIN_POLL_MS = 20;
const PROGRESS_EVERY_MS = 5_000;
/** What every benchmark message says (16 words for the search index). */
export const BENCH_TEXT = 'Bench: how much is an MRI of the knee, and can I come on Saturday morning?';

export interface RatePhase extends DeliveryFigures {
  /** Delivered messages per second of the configured duration. */
  msgsPerSec: number;
  /** How long sending really took (longer than configured when the sender fell behind). */
  sendSeconds: number;
}

export interface MaxPhase {
  /** Messages delivered per second while `window` messages were kept in flight. */
  msgsPerSec: number;
  delivered: number;
  window: number;
  p50Ms: number | null;
  p99Ms: number | null;
  lost: number;
  duplicated: number;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

function sendNext(load: Load, tracker: DeliveryTracker, index: number): void {
  const clientId = randomUUID();
  tracker.sent(clientId);
  load.pairs[index % load.pairs.length]!.send(clientId, BENCH_TEXT, tracker.acked);
}

async function drain(tracker: DeliveryTracker, drainMs: number): Promise<void> {
  const deadline = performance.now() + drainMs;
  while (performance.now() < deadline) {
    if (tracker.deliveredCount >= tracker.sentCount && tracker.ackCount >= tracker.sentCount) return;
    await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
  }
}

/** Sends at `rate`; the tracker goes on counting deliveries after the phase (see awaitStragglers). */
export async function runAtRate(load: Load, label: string, rate: number, seconds: number, drainMs: number): Promise<RatePhase & { tracker: DeliveryTracker }> {
  const tracker = createDeliveryTracker();
  load.onDelivery((clientId) => {
    tracker.delivered(clientId);
  });
  const total = rate * seconds;
  let sent = 0;
  const start = performance.now();
  let lastProgress = start;

  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      const owed = Math.min(total, Math.floor(((now - start) * rate) / 1000));
      while (sent < owed) sendNext(load, tracker, sent++);
      if (now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        log(`  ${label}: sent ${sent}, acked ${tracker.ackCount}, delivered ${tracker.deliveredCount}`);
      }
      if (sent === total) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  const sendSeconds = (performance.now() - start) / 1000;
  await drain(tracker, drainMs);
  const figures = tracker.figures();
  return {
    ...figures,
    msgsPerSec: Math.round(figures.delivered / seconds),
    sendSeconds: Math.round(sendSeconds * 100) / 100,
    tracker,
  };
}

/** What became of a phase's messages after its drain, once the relay caught up. */
export interface Stragglers {
  /** Delivered after the drain: counted as lost by the phase, but not lost for good. */
  late: number;
  /** Still not delivered when the wait ended. */
  never: number;
  /** Messages delivered more than once by the end of the wait. */
  duplicated: number;
  waitedSeconds: number;
}

/**
 * Keeps listening after a phase until every message has arrived, or none has arrived
 * for `quietMs`, or `maxMs` passed: tells late from lost, and keeps a relay's backlog
 * out of the next phase.
 */
export async function awaitStragglers(tracker: DeliveryTracker, deliveredAtDrain: number, quietMs: number, maxMs: number): Promise<Stragglers> {
  const start = performance.now();
  let last = start;
  let seen = tracker.deliveredCount;
  while (tracker.deliveredCount < tracker.sentCount && performance.now() - last < quietMs && performance.now() - start < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    if (tracker.deliveredCount !== seen) {
      seen = tracker.deliveredCount;
      last = performance.now();
    }
  }
  const final = tracker.figures();
  return {
    late: final.delivered - deliveredAtDrain,
    never: final.lost,
    duplicated: final.duplicated,
    waitedSeconds: Math.round((performance.now() - start) / 100) / 10,
  };
}

export async function runSaturated(load: Load, window: number, seconds: number, drainMs: number): Promise<MaxPhase> {
  const tracker = createDeliveryTracker();
  const end = performance.now() + seconds * 1000;
  let sent = 0;
  let inWindow = 0;
  // A slot frees when its message is both acked and delivered (or refused): our relay acks
  // after work that follows the delivery (inbox, search), and a loop on deliveries alone
  // piled that work up past the window until the relay refused sends (issue 14 §5).
  const awaited = new Map<string, number>();
  const next = () => {
    if (performance.now() < end) send(sent++);
  };
  const done = (clientId: string, success: boolean) => {
    const left = awaited.get(clientId);
    if (left === undefined) return;
    if (success && left > 1) {
      awaited.set(clientId, left - 1);
      return;
    }
    awaited.delete(clientId);
    if (success && performance.now() < end) inWindow += 1;
    next();
  };
  const send = (index: number) => {
    const clientId = randomUUID();
    tracker.sent(clientId);
    awaited.set(clientId, 2);
    load.pairs[index % load.pairs.length]!.send(clientId, BENCH_TEXT, (ok) => {
      tracker.acked(ok);
      done(clientId, ok);
    });
  };
  load.onDelivery((clientId) => {
    if (tracker.delivered(clientId)) done(clientId, true);
  });
  const start = performance.now();
  for (let i = 0; i < window; i += 1) send(sent++);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, end - performance.now())));
  const elapsed = (performance.now() - start) / 1000;
  await drain(tracker, drainMs);
  const figures = tracker.figures();
  return {
    msgsPerSec: Math.round(inWindow / elapsed),
    delivered: figures.delivered,
    window,
    p50Ms: figures.p50Ms,
    p99Ms: figures.p99Ms,
    lost: figures.lost,
    duplicated: figures.duplicated,
  };
}
