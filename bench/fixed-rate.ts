/**
 * The rate of the fixed-rate phase. The comparison asks for a rate both relays can hold
 * (issue 14 §5): on a machine where the configured rate (5,000 msg/s by default) is past
 * what the bare reference sustains, its latency is a queue's, not a relay's. So, unless
 * BENCH_ADAPT_RATE=off, the rate is at most ADAPT_SHARE of bare's measured saturation.
 */
import type { BenchConfig } from './bench-config.ts';

/** Share of bare's saturation throughput the fixed-rate phase offers at most. */
export const ADAPT_SHARE = 0.7;

export interface FixedRate {
  rate: number;
  /** `adapted`: lowered to ADAPT_SHARE of bare's saturation. */
  source: 'configured' | 'adapted';
}

export function fixedRate(config: Pick<BenchConfig, 'rate' | 'adaptRate'>, bareMax: { msgsPerSec: number } | null): FixedRate {
  const ceiling = bareMax ? Math.floor(bareMax.msgsPerSec * ADAPT_SHARE) : Infinity;
  if (!config.adaptRate || config.rate <= ceiling || ceiling < 1) return { rate: config.rate, source: 'configured' };
  return { rate: ceiling, source: 'adapted' };
}
