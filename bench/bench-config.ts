/**
 * The benchmark's knobs: one commented defaults object, overridden by BENCH_*
 * environment variables, validated once (a bad value names the variable) and frozen.
 */
export interface BenchConfig {
  connections: number;
  rate: number;
  adaptRate: boolean;
  seconds: number;
  drainSeconds: number;
  connectConcurrency: number;
  maxSeconds: number;
  maxWindow: number;
  timeoutSeconds: number;
  only: 'both' | 'ours' | 'bare';
  pairing: 'clinics' | 'demo';
}

export const BENCH_DEFAULTS: Readonly<BenchConfig> = {
  /** Patient connections; each has its own staff listener, so the relay holds twice this. */
  connections: 2_000,
  /** Messages per second offered, spread round-robin over the patients. */
  rate: 5_000,
  /** Lower the fixed rate to 70% of bare's saturation when `rate` is past it (fixed-rate.ts). */
  adaptRate: true,
  /** How long the fixed-rate phase sends. */
  seconds: 20,
  /** After the last send, how long a message may still arrive before it counts as lost. */
  drainSeconds: 5,
  /** Connections being opened at once while setting up. */
  connectConcurrency: 50,
  /** The saturation phase (closed loop, `maxWindow` messages in flight): 0 skips it. */
  maxSeconds: 5,
  maxWindow: 500,
  /** The whole run is stopped (children killed, Redis stopped) after this long. */
  timeoutSeconds: 900,
  /** Run one side only while iterating; the ratio then is null. */
  only: 'both',
  /** Where our relay's doctors work: one per clinic, or all in the demo clinic (see ours-load.ts). */
  pairing: 'clinics',
};

export class BenchConfigError extends Error {
  readonly code = 'BENCH_ERR_CONFIG';
}

type Env = Record<string, string | undefined>;

function oneOf<T extends string>(env: Env, name: string, options: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(options as readonly string[]).includes(raw)) {
    throw new BenchConfigError(`${name}: expected one of ${options.join(', ')}, got ${JSON.stringify(raw)}`);
  }
  return raw as T;
}

function integer(env: Env, name: string, min: number, max: number, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BenchConfigError(`${name}: expected an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

export function loadBenchConfig(env: Env = process.env): Readonly<BenchConfig> {
  return Object.freeze({
    connections: integer(env, 'BENCH_CONNECTIONS', 1, 50_000, BENCH_DEFAULTS.connections),
    rate: integer(env, 'BENCH_RATE', 1, 1_000_000, BENCH_DEFAULTS.rate),
    adaptRate: oneOf(env, 'BENCH_ADAPT_RATE', ['on', 'off'] as const, BENCH_DEFAULTS.adaptRate ? 'on' : 'off') === 'on',
    seconds: integer(env, 'BENCH_SECONDS', 1, 3_600, BENCH_DEFAULTS.seconds),
    drainSeconds: integer(env, 'BENCH_DRAIN_SECONDS', 1, 600, BENCH_DEFAULTS.drainSeconds),
    connectConcurrency: integer(env, 'BENCH_CONNECT_CONCURRENCY', 1, 1_000, BENCH_DEFAULTS.connectConcurrency),
    maxSeconds: integer(env, 'BENCH_MAX_SECONDS', 0, 600, BENCH_DEFAULTS.maxSeconds),
    maxWindow: integer(env, 'BENCH_MAX_WINDOW', 1, 100_000, BENCH_DEFAULTS.maxWindow),
    timeoutSeconds: integer(env, 'BENCH_TIMEOUT_SECONDS', 10, 24 * 3_600, BENCH_DEFAULTS.timeoutSeconds),
    only: oneOf(env, 'BENCH_ONLY', ['both', 'ours', 'bare'] as const, BENCH_DEFAULTS.only),
    pairing: oneOf(env, 'BENCH_PAIRING', ['clinics', 'demo'] as const, BENCH_DEFAULTS.pairing),
  });
}
