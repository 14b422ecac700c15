/**
 * Counts what happened to each message of a phase, keyed by its client id: when it
 * was sent, whether it was acked, how often and how fast it reached its listener.
 */
import { performance } from 'node:perf_hooks';

export interface DeliveryFigures {
  sent: number;
  acked: number;
  /** Acks that carried an error. */
  ackErrors: number;
  /** Distinct messages that reached their listener. */
  delivered: number;
  /** Sent but never delivered before the phase ended. */
  lost: number;
  /** Messages delivered more than once. */
  duplicated: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** The q-quantile (0..1) of ascending numbers, nearest rank. */
export function quantile(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function createDeliveryTracker() {
  const sentAt = new Map<string, number>();
  const deliveries = new Map<string, number>();
  const latencies: number[] = [];
  let acked = 0;
  let ackErrors = 0;
  let duplicated = 0;

  return {
    sent(clientId: string): void {
      sentAt.set(clientId, performance.now());
    },
    acked(ok: boolean): void {
      if (ok) acked += 1;
      else ackErrors += 1;
    },
    /** Returns true for a first delivery of a message this tracker sent. */
    delivered(clientId: string): boolean {
      const start = sentAt.get(clientId);
      if (start === undefined) return false;
      const times = (deliveries.get(clientId) ?? 0) + 1;
      deliveries.set(clientId, times);
      if (times === 2) duplicated += 1;
      if (times > 1) return false;
      latencies.push(performance.now() - start);
      return true;
    },
    get sentCount() {
      return sentAt.size;
    },
    get deliveredCount() {
      return deliveries.size;
    },
    get ackCount() {
      return acked + ackErrors;
    },
    figures(): DeliveryFigures {
      const sorted = Float64Array.from(latencies).sort();
      const q = (p: number) => {
        const value = quantile(sorted, p);
        return value === null ? null : round(value);
      };
      return {
        sent: sentAt.size,
        acked,
        ackErrors,
        delivered: deliveries.size,
        lost: sentAt.size - deliveries.size,
        duplicated,
        p50Ms: q(0.5),
        p95Ms: q(0.95),
        p99Ms: q(0.99),
        maxMs: q(1),
      };
    },
  };
}

export type DeliveryTracker = ReturnType<typeof createDeliveryTracker>;
