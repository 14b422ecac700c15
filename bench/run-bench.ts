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
import { ADAPT_SHARE, fixedRate } from './fixed-rate.ts';
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
/** Unmeasured saturation before the measured one. */
const WARM_UP_SECONDS = 2;
/** The saturation phase is run at BENCH_MAX_WINDOW messages in flight and at this many times more; the better one counts. */
const WIDER_WINDOW = 3;
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
  max: SaturationFigures | null;
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

/** A saturation phase with its CPU; `windows`: the throughput at each window tried. */
type SaturationFigures = MaxPhase & { cpu: CpuShares; windows?: { window: number; msgsPerSec: number }[] };

/** A relay connected and saturated, waiting for its fixed-rate phase. */
interface OpenSide {
  max: SaturationFigures | null;
  /** The fixed-rate phase at `rate`, then (ours) the resume probe; stops the relay. */
  finish(rate: number): Promise<SideFigures>;
  close(): Promise<void>;
}

/**
 * One relay under load, first half: start, connect, saturate (the ceiling). Both sides are
 * opened before either sends at the fixed rate, so that rate can be one both can hold.
 */
async function openSide(
  label: string,
  config: BenchConfig,
  redis: { pid: number; stats: RedisStats },
  start: () => Promise<{ relay: ChildRelay; url: string }>,
  connect: (url: string, progress: (what: string, done: number) => void) => Promise<SideLoad>,
): Promise<OpenSide> {
  log(`${label}: starting relay`);
  const { relay, url } = await start();
  let load: SideLoad | null = null;
  const close = async () => {
    load?.close();
    load = null;
    await relay.stop();
  };
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

    let max: SaturationFigures | null = null;
    if (config.maxSeconds > 0) {
      // A short unmeasured warm-up first: the first seconds of a fresh relay are its JIT's
      // and its scripts' loading, which a 5 s ceiling would otherwise count against it.
      await runSaturated(connected, config.maxWindow, WARM_UP_SECONDS, config.drainSeconds * 1000);
      const tried: SaturationFigures[] = [];
      for (const window of [config.maxWindow, config.maxWindow * WIDER_WINDOW]) {
        log(`${label}: saturating with ${window} messages in flight for ${config.maxSeconds} s`);
        const phase = await withCpu(probes, () => runSaturated(connected, window, config.maxSeconds, config.drainSeconds * 1000));
        log(`${label}: ${JSON.stringify(phase)}`);
        tried.push(phase);
      }
      // The ceiling is the better window's: with one window, a relay that makes more round
      // trips per message is held back by its latency while its CPU is not yet busy.
      const best = tried.reduce((a, b) => (b.msgsPerSec > a.msgsPerSec ? b : a));
      max = { ...best, windows: tried.map(({ window, msgsPerSec }) => ({ window, msgsPerSec })) };
    }

    const finish = async (rate: number): Promise<SideFigures> => {
      try {
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
        await close();
      }
    };
    return { max, finish, close };
  } catch (error) {
    await close();
    throw error;
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

/** All commands per message, script calls and the commands they ran both counted. */
const totalCalls = (calls: CommandCounts | undefined) => (calls ? Math.round(Object.values(calls).reduce((sum, count) => sum + count, 0) * 100) / 100 : null);

async function main(): Promise<void> {
  const config = loadBenchConfig();
  const dir = mkdtempSync(join(tmpdir(), 'clinic-chat-bench-'));
  const servers: LocalRedis[] = [];
  const cleanUp = () => {
    rmSync(dir, { recursive: true, force: true });
    for (const server of servers) if (server.pid) process.kill(server.pid, 'SIGKILL');
  };
  process.on('exit', cleanUp);
  const stopRedis = () => Promise.all(servers.splice(0).map((server) => server.stop()));
  // On a failure, a signal or the hard limit: kill and reap the children before exiting.
  abort = (code: number) => {
    void Promise.race([Promise.all([killChildRelays(), stopRedis()]), sleep(ABORT_GRACE_MS)]).finally(() => process.exit(code));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => abort(130));
  setTimeout(() => {
    log(`bench: stopped after the hard limit of ${config.timeoutSeconds} s (BENCH_TIMEOUT_SECONDS)`);
    abort(1);
  }, config.timeoutSeconds * 1000).unref();

  log(`bench: ${JSON.stringify(config)}`);
  // One Redis per relay: both are open at once (their ceilings decide the fixed rate), and
  // neither pays for the other's data.
  const stats: RedisStats[] = [];
  const newRedis = async (label: string) => {
    const server = await startLocalRedis({ dir: join(dir, label) });
    servers.push(server);
    if (server.pid === null) throw new Error('startLocalRedis returned no process id');
    log(`bench: ${label}'s redis at ${server.url}`);
    const probe = { pid: server.pid, stats: createRedisStats(server.url) };
    stats.push(probe.stats);
    return { server, probe };
  };

  // Both ceilings first, then the fixed rate, one both can hold, on each side.
  let bareSide: OpenSide | null = null;
  if (config.only !== 'ours') {
    const { server, probe } = await newRedis('bare');
    bareSide = await openSide(
      'bare',
      config,
      probe,
      () => startBare(server),
      (url, progress) => connectBareLoad(url, config.connections, config.connectConcurrency, progress),
    );
  }
  let oursSide: OpenSide | null = null;
  if (config.only !== 'bare') {
    const { server, probe } = await newRedis('ours');
    oursSide = await openSide(
      'ours',
      config,
      probe,
      () => startOurs(server),
      (url, progress) => connectOurLoad(url, server.url, config.connections, config.connectConcurrency, config.pairing, progress),
    );
  }
  const rate = fixedRate(config, bareSide?.max ?? null, oursSide?.max ?? null);
  if (rate.source === 'adapted') log(`bench: ${config.rate} msg/s is past ${ADAPT_SHARE * 100}% of a relay's saturation; both sides send ${rate.rate} msg/s`);
  // Ours first, then it stops: its background jobs would not leave bare's phase alone; bare's
  // relay waits idle meanwhile.
  const ours = oursSide ? await oursSide.finish(rate.rate) : null;
  const bare = bareSide ? await bareSide.finish(rate.rate) : null;

  await Promise.all(stats.map((probe) => probe.close()));
  await stopRedis();
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
    // The figures issue 14 §5 asks for, in one place.
    headline: {
      refused: { ours: ours?.ackErrors ?? null, bare: bare?.ackErrors ?? null },
      relayUsPerMsg: { ours: ours?.cpu.relayUsPerMsg ?? null, bare: bare?.cpu.relayUsPerMsg ?? null },
      redisCallsPerMsg: { ours: totalCalls(ours?.cpu.redisCallsPerMsg), bare: totalCalls(bare?.cpu.redisCallsPerMsg) },
      scriptCallsPerMsg: ours?.cpu.redisCallsPerMsg.evalsha ?? null,
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
