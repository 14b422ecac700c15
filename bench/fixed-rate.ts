/**
 * The rate of the fixed-rate phase. The comparison asks for a rate both relays can hold
 * (issue 14 §5): on a machine where the configured rate (5,000 msg/s by default) is past
 * what either relay sustains, that one's latency is a queue's, not a relay's. So, unless
 * BENCH_ADAPT_RATE=off, the rate is at most ADAPT_SHARE of the lower measured saturation.
 */
import type { BenchConfig } from './bench-config.ts';

/** Share of the lower saturation throughput the fixed-rate phase offers at most. */
export const ADAPT_SHARE = 0.7;

export interface FixedRate {
  rate: number;
  /** `adapted`: lowered to ADAPT_SHARE of the lower saturation. */
  source: 'configured' | 'adapted';
}

type Saturation = { msgsPerSec: number } | null;

/** `bareMax`, `oursMax`: each side's saturation phase (null when skipped or not run). */
export function fixedRate(config: Pick<BenchConfig, 'rate' | 'adaptRate'>, bareMax: Saturation, oursMax: Saturation = null): FixedRate {
  const ceiling = Math.floor(Math.min(bareMax?.msgsPerSec ?? Infinity, oursMax?.msgsPerSec ?? Infinity) * ADAPT_SHARE);
  if (!config.adaptRate || config.rate <= ceiling || ceiling < 1) return { rate: config.rate, source: 'configured' };
  return { rate: ceiling, source: 'adapted' };
}
