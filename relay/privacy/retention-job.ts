/**
 * Per-clinic retention (issue 10 §5): conversations with no activity for the clinic's
 * `security.retentionDays` are erased (patient-erasure.ts `eraseThreads`, recorded in the
 * access log as `retention-erase`). One BullMQ job scheduler under `{retention}` fires the
 * sweep: every relay upserts the same scheduler id, so however many relays run, each
 * sweep runs once, on whichever worker takes it. Idle threads are read from the clinic's
 * `all`/`any` inbox set, scored by last activity: no scan of threads.
 */
import { EventEmitter } from 'node:events';
import type { RedisOutage } from '../store/redis-outage.ts';
import type { Logger } from 'pino';
import type { ClinicId, ThreadId } from '../../protocol/ids.ts';
import { keys } from '../store/keys.ts';
import { openDurableQueue } from '../store/durable-queue.ts';
import type { RedisTarget, RelayRedis } from '../store/redis-client.ts';
import type { Stores } from '../store/stores.ts';
import type { PatientErasure } from './patient-erasure.ts';

/** BullMQ's prefix and queue name: keys `{retention}:retention:*`. */
const PREFIX = '{retention}';
const QUEUE_NAME = 'retention';
const SCHEDULER_ID = 'retention-sweep';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Threads erased per step, so one clinic's backlog never holds Redis for long. */
const BATCH = 100;

export interface RetentionOptions {
  /** How often the sweep runs: hourly, so a thread goes within an hour of its last day. */
  everyMs?: number;
  /** The clock the sweep compares activity with (tests move it forward). */
  now?: () => number;
}

/** `swept` (clinicId, erased count) after each clinic's sweep that erased something. */
export interface RetentionEvents extends EventEmitter<{ swept: [clinicId: ClinicId, erased: number] }> {}

export interface RetentionJob {
  events: RetentionEvents;
  /** Erases every clinic's idle threads now; returns how many. */
  sweep(): Promise<number>;
  close(): Promise<void>;
}

export function createRetentionJob(deps: {
  /** Where Redis is (relay/store/redis-client.ts): one server or a cluster; BullMQ's keys share one hash tag (their prefix). */
  redisTarget: RedisTarget;
  redis: RelayRedis;
  stores: Stores;
  erasure: PatientErasure;
  log: Logger;
  /** The relay's Redis outage watcher: one log line per outage for every client. */
  outage: RedisOutage;
  options?: RetentionOptions;
}): RetentionJob {
  const { redis, stores, erasure, log, outage } = deps;
  const everyMs = deps.options?.everyMs ?? 60 * 60 * 1000;
  const now = deps.options?.now ?? Date.now;
  const events: RetentionEvents = new EventEmitter();

  async function sweepClinic(clinicId: ClinicId, days: number): Promise<number> {
    const cutoff = now() - days * DAY_MS;
    let erased = 0;
    for (;;) {
      const ids = (await redis.zrangebyscore(keys.inbox(clinicId, 'all', 'any'), '-inf', `(${cutoff}`, 'LIMIT', 0, BATCH)) as ThreadId[];
      if (ids.length === 0) break;
      const count = await erasure.eraseThreads(clinicId, ids);
      erased += count;
      // Ids that erased nothing (already gone) would be read again forever.
      if (count === 0) {
        await redis.zrem(keys.inbox(clinicId, 'all', 'any'), ...ids);
      }
    }
    if (erased > 0) events.emit('swept', clinicId, erased);
    return erased;
  }

  async function sweep(): Promise<number> {
    let erased = 0;
    for (const clinic of await stores.clinics.list()) {
      if (clinic.security.retentionDays > 0) erased += await sweepClinic(clinic.id, clinic.security.retentionDays);
    }
    return erased;
  }

  const durable = openDurableQueue({
    name: QUEUE_NAME,
    prefix: PREFIX,
    redisTarget: deps.redisTarget,
    outage,
    label: 'retention',
    run: sweep,
    concurrency: 1,
    every: { schedulerId: SCHEDULER_ID, ms: everyMs },
  });
  durable.worker!.on('failed', (_job, error) => log.error({ code: 'RELAY_ERR_ERASURE', source: 'retention', type: error.name }, 'a retention sweep failed'));

  return {
    events,
    sweep,
    close: durable.close,
  };
}
