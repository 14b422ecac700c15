/**
 * `npm run bench`: a private Redis, then our relay and the bare reference relay, one
 * after the other, each as a child process under the same load from this process.
 * Progress goes to stderr; the last stdout line is one JSON object with the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { freePort, startLocalRedis, type LocalRedis } from '../relay/store/local-redis-server.ts';
import { BARE_READY_TEXT } from './bare-protocol.ts';
import { connectBareLoad } from './bare-load.ts';
import { BenchConfigError, loadBenchConfig, type BenchConfig } from './bench-config.ts';
import { cpuSeconds, killChildRelays, startChildRelay, type ChildRelay } from './child-relay.ts';
import { awaitStragglers, runAtRate, runSaturated, type Stragglers, type Load, type MaxPhase, type RatePhase } from './load-phases.ts';
import { connectOurLoad } from './ours-load.ts';
import { fixedRate, type FixedRate } from './fixed-rate.ts';
import type { ResumeFigures } from './resume-probe.ts';
import { createRedisStats, type CommandCounts, type RedisStats } from './redis-stats.ts';

const OUR_READY_TEXT = 'clinic-chat relay is up at';
/** Per-socket limits high enough that the relay's rate limiter never answers RATE_LIMITED here. */
const UNLIMITED = '1000000';
const DEMO_PASSWORD = 'bench-demo-password';
/** Let a fresh relay settle before its baseline memory is read, and the connected one before the second read. */
const SETTLE_MS = 2_000;
/** After the drain, how long to keep listening for late messages: until none came for QUIET, at most MAX. */
const STRAGGLER_QUIET_MS = 10_000;
const STRAGGLER_MAX_MS = 120_000;
/** On abort, how long to wait for children to die before exiting anyway. */
const ABORT_GRACE_MS = 5_000;

interface SideFigures extends RatePhase {
  cpu: CpuShares;
  /** What became of the messages after the drain; `stored` counts the XADDs Redis ran for them. */
  afterDrain: Stragglers & { stored: number };
  /** Sockets that dropped during the run, by reason (at the end, including the saturation phase). */
  disconnects: Record<string, number>;
  /** The machine's 1-minute load average when sending began: above the core count, other work competed. */
  loadAvg1m: number;
  rssPerConnKB: number;
  rssBeforeKB: number;
  rssConnectedKB: number;
  sockets: number;
  connectSeconds: number;
  max: (MaxPhase & { cpu: CpuShares }) | null;
  /** Reading back 1,000 missed messages (ours only; see resume-probe.ts). */
  resume: ResumeFigures | null;
}

/**
 * CPU used during a phase (including its drain) by each process: in % of one core, and
 * in microseconds per delivered message, which other work on the machine changes less.
 */
interface CpuShares {
  relay: number;
  load: number;
  redis: number;
  relayUsPerMsg: number | null;
  redisUsPerMsg: number | null;
  /** Redis commands per delivered message, by command. */
  redisCallsPerMsg: CommandCounts;
}

interface Probes {
  relay: ChildRelay;
  redisPid: number;
  redisStats: RedisStats;
}

async function withCpu<T extends { delivered: number }>({ relay, redisPid, redisStats }: Probes, work: () => Promise<T>): Promise<T & { cpu: CpuShares }> {
  const callsBefore = await redisStats.counts();
  const relayBefore = relay.cpuSeconds();
  const redisBefore = cpuSeconds(redisPid);
  const ownBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const result = await work();
  const wall = (performance.now() - wallBefore) / 1000;
  const own = process.cpuUsage(ownBefore);
  const relaySeconds = relay.cpuSeconds() - relayBefore;
  const redisSeconds = cpuSeconds(redisPid) - redisBefore;
  const redisCallsPerMsg = redisStats.perMessage(callsBefore, await redisStats.counts(), result.delivered);
  const pct = (seconds: number) => Math.round((seconds / wall) * 100);
  const perMsg = (seconds: number) => (result.delivered > 0 ? Math.round((seconds * 1e6) / result.delivered) : null);
  return Object.assign(result, {
    cpu: {
      relay: pct(relaySeconds),
      load: pct((own.user + own.system) / 1e6),
      redis: pct(redisSeconds),
      relayUsPerMsg: perMsg(relaySeconds),
      redisUsPerMsg: perMsg(redisSeconds),
      redisCallsPerMsg,
    },
  });
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (value: number) => Math.round(value * 10) / 10;

/** Our load has the resume probe; bare's does not. */
type SideLoad = Load & { sockets: number; resume?(): Promise<ResumeFigures> };

/**
 * One relay under load: connect, saturate (the ceiling, which `rateFor` may turn into
 * the fixed rate), send at the fixed rate, and for ours read back missed messages.
 */
async function measureSide(
  label: string,
  config: BenchConfig,
  redis: { pid: number; stats: RedisStats },
  start: () => Promise<{ relay: ChildRelay; url: string }>,
  connect: (url: string, progress: (what: string, done: number) => void) => Promise<SideLoad>,
  rateFor: (max: MaxPhase | null) => number,
): Promise<SideFigures> {
  log(`${label}: starting relay`);
  const { relay, url } = await start();
  let load: SideLoad | null = null;
  try {
    await sleep(SETTLE_MS);
    const rssBeforeKB = relay.rssKB();
    log(`${label}: relay pid ${relay.pid} at ${url}, RSS ${rssBeforeKB} KiB; connecting ${config.connections} pairs`);
    const connectStart = performance.now();
    const step = Math.max(1, Math.round(config.connections / 4));
    const connected = await connect(url, (what, done) => {
      if (done % step === 0 || done === config.connections) log(`  ${label}: ${what} ${done}/${config.connections}`);
    });
    load = connected;
    const connectSeconds = round1((performance.now() - connectStart) / 1000);
    await sleep(SETTLE_MS);
    const rssConnectedKB = relay.rssKB();
    const rssPerConnKB = round1((rssConnectedKB - rssBeforeKB) / connected.sockets);
    log(`${label}: ${connected.sockets} sockets in ${connectSeconds} s, RSS ${rssConnectedKB} KiB (${rssPerConnKB} KiB per connection)`);
    const probes: Probes = { relay, redisPid: redis.pid, redisStats: redis.stats };

    let max: (MaxPhase & { cpu: CpuShares }) | null = null;
    if (config.maxSeconds > 0) {
      log(`${label}: saturating with ${config.maxWindow} messages in flight for ${config.maxSeconds} s`);
      max = await withCpu(probes, () => runSaturated(connected, config.maxWindow, config.maxSeconds, config.drainSeconds * 1000));
      log(`${label}: ${JSON.stringify(max)}`);
    }

    const rate = rateFor(max);
    const loadAvg1m = Math.round(loadavg()[0]! * 100) / 100;
    log(`${label}: sending ${rate} msg/s for ${config.seconds} s (load average ${loadAvg1m} on ${cpus().length} cores)`);
    const callsAtStart = await redis.stats.counts();
    const { tracker, ...fixed } = await withCpu(probes, () => runAtRate(connected, label, rate, config.seconds, config.drainSeconds * 1000));
    log(`${label}: ${JSON.stringify(fixed)}`);
    const stragglers = await awaitStragglers(tracker, fixed.delivered, STRAGGLER_QUIET_MS, STRAGGLER_MAX_MS);
    // Each relay appends a message with exactly one XADD to a thread (BullMQ's own XADDs to
    // its event stream are counted too, when a relay schedules notices).
    const stored = ((await redis.stats.counts()).xadd ?? 0) - (callsAtStart.xadd ?? 0);
    const afterDrain = { ...stragglers, stored };
    if (afterDrain.late > 0 || afterDrain.never > 0) log(`${label}: after the drain: ${JSON.stringify(afterDrain)}`);

    const resume = connected.resume ? await connected.resume() : null;
    if (resume) log(`${label}: resume: ${JSON.stringify(resume)}`);
    return {
      ...fixed,
      afterDrain,
      disconnects: connected.disconnects(),
      loadAvg1m,
      rssPerConnKB,
      rssBeforeKB,
      rssConnectedKB,
      sockets: connected.sockets,
      connectSeconds,
      max,
      resume,
    };
  } finally {
    load?.close();
    await relay.stop();
  }
}

async function startOurs(redis: LocalRedis): Promise<{ relay: ChildRelay; url: string }> {
  const port = await freePort();
  const relay = await startChildRelay(
    'ours',
    'relay/main.ts',
    {
      REDIS_URL: redis.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_PASSWORD,
      LOG_LEVEL: 'warn',
      SOCKET_MESSAGES_PER_10S: UNLIMITED,
      SOCKET_EVENTS_PER_10S: UNLIMITED,
      VISITOR_HANDSHAKES_PER_MIN: UNLIMITED,
      CONNECTIONS_PER_ADDRESS: UNLIMITED,
    },
    OUR_READY_TEXT,
  );
  return { relay, url: `http://127.0.0.1:${port}` };
}

async function startBare(redis: LocalRedis): Promise<{ relay: ChildRelay; url: string }> {
  const port = await freePort();
  const relay = await startChildRelay('bare', 'bench/bare-relay.ts', { REDIS_URL: redis.url, PORT: String(port) }, BARE_READY_TEXT);
  return { relay, url: `http://127.0.0.1:${port}` };
}

/** Each relay starts on an empty Redis, so the second does not pay for the first's data. */
async function flush(redis: LocalRedis): Promise<void> {
  const client = new Redis(redis.url);
  await client.flushall();
  await client.quit();
}

const summary = (side: SideFigures) => ({
  sent: side.sent,
  acked: side.acked,
  delivered: side.delivered,
  lost: side.lost,
  duplicated: side.duplicated,
  p50Ms: side.p50Ms,
  p95Ms: side.p95Ms,
  p99Ms: side.p99Ms,
  msgsPerSec: side.msgsPerSec,
  rssPerConnKB: side.rssPerConnKB,
});

const ratio = (a: number | null | undefined, b: number | null | undefined) => (a != null && b ? Math.round((a / b) * 100) / 100 : null);

/** Ends the run early; main() makes it stop the children first. */
let abort = (code: number): void => process.exit(code);

async function main(): Promise<void> {
  const config = loadBenchConfig();
  const dir = mkdtempSync(join(tmpdir(), 'clinic-chat-bench-'));
  let redis: LocalRedis | null = null;
  const cleanUp = () => {
    rmSync(dir, { recursive: true, force: true });
    if (redis?.pid) process.kill(redis.pid, 'SIGKILL');
  };
  process.on('exit', cleanUp);
  // On a failure, a signal or the hard limit: kill and reap the children before exiting.
  abort = (code: number) => {
    const stopRedis = (redis?.stop() ?? Promise.resolve()).then(() => {
      redis = null;
    });
    void Promise.race([Promise.all([killChildRelays(), stopRedis]), sleep(ABORT_GRACE_MS)]).finally(() => process.exit(code));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => abort(130));
  setTimeout(() => {
    log(`bench: stopped after the hard limit of ${config.timeoutSeconds} s (BENCH_TIMEOUT_SECONDS)`);
    abort(1);
  }, config.timeoutSeconds * 1000).unref();

  log(`bench: ${JSON.stringify(config)}`);
  redis = await startLocalRedis({ dir });
  log(`bench: redis at ${redis.url}`);
  const started = redis;
  const redisPid = started.pid;
  if (redisPid === null) throw new Error('startLocalRedis returned no process id');
  const probe = { pid: redisPid, stats: createRedisStats(started.url) };

  // Bare first: its saturation decides the fixed rate both sides are measured at.
  let rate: FixedRate = { rate: config.rate, source: 'configured' };
  const decide = (max: MaxPhase | null) => {
    rate = fixedRate(config, max);
    if (rate.source === 'adapted') log(`bench: ${config.rate} msg/s is past 70% of bare's saturation; both sides send ${rate.rate} msg/s`);
    return rate.rate;
  };
  const bare =
    config.only === 'ours'
      ? null
      : await measureSide(
          'bare',
          config,
          probe,
          () => startBare(started),
          (url, progress) => connectBareLoad(url, config.connections, config.connectConcurrency, progress),
          decide,
        );
  if (bare) await flush(started);
  const ours =
    config.only === 'bare'
      ? null
      : await measureSide(
          'ours',
          config,
          probe,
          () => startOurs(started),
          (url, progress) => connectOurLoad(url, started.url, config.connections, config.connectConcurrency, config.pairing, progress),
          () => rate.rate,
        );

  await probe.stats.close();
  await started.stop();
  redis = null;
  const result = {
    connections: config.connections,
    rate: rate.rate,
    rateSource: rate.source,
    seconds: config.seconds,
    pairing: config.pairing,
    ...(ours ? summary(ours) : {}),
    cores: cpus().length,
    ours,
    bare,
    ratio: {
      throughput: ratio(ours?.msgsPerSec, bare?.msgsPerSec),
      p99: ratio(ours?.p99Ms, bare?.p99Ms),
      maxThroughput: ratio(ours?.max?.msgsPerSec, bare?.max?.msgsPerSec),
      relayUsPerMsg: ratio(ours?.cpu.relayUsPerMsg, bare?.cpu.relayUsPerMsg),
    },
    resume: ours?.resume ?? null,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  const detail = error instanceof BenchConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  log(`bench: failed: ${detail}`);
  abort(1);
});
