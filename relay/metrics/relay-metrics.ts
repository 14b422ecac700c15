/**
 * The relay's Prometheus metrics (prom-client), one registry per relay so that several
 * relays in one process (tests) never share counters. Labels are bounded sets only:
 * namespaces, event names from the protocol's tables (anything else is `unknown`),
 * protocol error codes, Redis command names, queue names and states, channel kinds.
 * Never a clinic, thread, visitor or staff id, never text: what reaches a label is
 * decided here, not by callers.
 *
 * What the hot path pays: one `observeEvent` per socket event (a counter and a histogram),
 * one histogram per Redis command and per fan-out. Everything that can be read when
 * Prometheus scrapes (connections, queue depths) is read then, in `collect`.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Ack } from '../../protocol/errors.ts';

/** Socket events are answered in milliseconds; past a few seconds the client's outbox retries. */
const ACK_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** Fan-out is an in-process emit (or one XADD with the streams adapter). */
const FANOUT_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05];
/** One Redis round trip on a LAN is well under a millisecond. */
const REDIS_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.5, 1];
/** The BullMQ job states worth a gauge: backlog, in progress, and what is kept after failing. */
export const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;
type QueueState = (typeof QUEUE_STATES)[number];
/** A scrape never waits longer than this for Redis (during an outage its commands wait for a reconnect). */
const SCRAPE_REDIS_TIMEOUT_MS = 1_000;

/** The queue's counts, or null when Redis does not answer in time. */
async function countsInTime(queue: CountedQueue): Promise<Partial<Record<QueueState, number>> | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(resolve, SCRAPE_REDIS_TIMEOUT_MS, null);
  });
  try {
    return await Promise.race([queue.counts().catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A queue as the metrics read it on scrape. */
export interface CountedQueue {
  name: string;
  counts(): Promise<Partial<Record<QueueState, number>>>;
}

export interface RelayMetrics {
  registry: Registry;
  /** One call per answered socket event; `event` is null for an event no table knows. */
  observeEvent(event: string | null, result: Ack<unknown> | null, startedAt: number): void;
  observeFanOut(kind: string, startedAt: number): void;
  observeRedis(command: string, startedAt: number, errorCode: string | null): void;
  jobOutcome(queue: string, outcome: string): void;
  notificationSend(channel: string, outcome: 'sent' | 'failed' | 'refused'): void;
  /** Connections are counted on scrape from these. */
  countConnections(namespace: string, count: () => number): void;
  countQueue(queue: CountedQueue): void;
}

const seconds = (startedAt: number) => (performance.now() - startedAt) / 1000;

export function createRelayMetrics(): RelayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const connectionSources = new Map<string, () => number>();
  new Gauge({
    name: 'clinic_chat_connections',
    help: 'Connected sockets per namespace',
    labelNames: ['namespace'],
    registers,
    collect() {
      for (const [namespace, count] of connectionSources) this.set({ namespace }, count());
    },
  });
  const events = new Counter({
    name: 'clinic_chat_events_total',
    help: 'Socket events answered, by event, outcome (ok or error) and protocol error code',
    labelNames: ['event', 'outcome', 'code'],
    registers,
  });
  const ackLatency = new Histogram({
    name: 'clinic_chat_ack_duration_seconds',
    help: 'Time from receiving a socket event to writing its acknowledgement',
    labelNames: ['event', 'outcome'],
    buckets: ACK_BUCKETS,
    registers,
  });
  const fanOut = new Histogram({
    name: 'clinic_chat_fanout_duration_seconds',
    help: 'Time to hand one live event to the adapter for every room it goes to',
    labelNames: ['kind'],
    buckets: FANOUT_BUCKETS,
    registers,
  });
  const redisLatency = new Histogram({
    name: 'clinic_chat_redis_command_duration_seconds',
    help: 'Redis command round trips of the stores connection, by command',
    labelNames: ['command'],
    buckets: REDIS_BUCKETS,
    registers,
  });
  const redisErrors = new Counter({
    name: 'clinic_chat_redis_command_errors_total',
    help: 'Redis commands that failed, by command and error code (connection errors, OOM, READONLY, script refusals…)',
    labelNames: ['command', 'code'],
    registers,
  });
  const queues: CountedQueue[] = [];
  new Gauge({
    name: 'clinic_chat_queue_jobs',
    help: 'Jobs in the durable queues by state (read from Redis on scrape)',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      // A scrape during a Redis outage leaves the last values and the redis error metrics say why.
      const all = await Promise.all(queues.map(countsInTime));
      all.forEach((counts, index) => {
        if (!counts) return;
        for (const state of QUEUE_STATES) this.set({ queue: queues[index]!.name, state }, counts[state] ?? 0);
      });
    },
  });
  const jobs = new Counter({
    name: 'clinic_chat_queue_job_outcomes_total',
    help: "Jobs this relay's workers finished, by queue and outcome",
    labelNames: ['queue', 'outcome'],
    registers,
  });
  const sends = new Counter({
    name: 'clinic_chat_notification_sends_total',
    help: 'Notification deliveries by channel and outcome (refused: permanently, e.g. a bad address)',
    labelNames: ['channel', 'outcome'],
    registers,
  });

  return {
    registry,
    observeEvent(event, result, startedAt) {
      const name = event ?? 'unknown';
      const outcome = result?.error ? 'error' : 'ok';
      events.inc({ event: name, outcome, code: result?.error?.code ?? '' });
      ackLatency.observe({ event: name, outcome }, seconds(startedAt));
    },
    observeFanOut(kind, startedAt) {
      fanOut.observe({ kind }, seconds(startedAt));
    },
    observeRedis(command, startedAt, errorCode) {
      redisLatency.observe({ command }, seconds(startedAt));
      if (errorCode !== null) redisErrors.inc({ command, code: errorCode });
    },
    jobOutcome(queue, outcome) {
      jobs.inc({ queue, outcome });
    },
    notificationSend(channel, outcome) {
      sends.inc({ channel, outcome });
    },
    countConnections(namespace, count) {
      connectionSources.set(namespace, count);
    },
    countQueue(queue) {
      queues.push(queue);
    },
  };
}
