/**
 * Durable delayed notifications, shared by every relay on one Redis (BullMQ).
 *
 * `schedule(kind, thread, delay)` leaves one job per (kind, thread): the job id is
 * `<kind>.<threadId>` (BullMQ refuses ':' in custom ids), so scheduling again while one
 * is pending keeps the first, and N relays scheduling the same thing make one job. A
 * job outlives the relay that scheduled it; whichever relay's worker is free runs it
 * once. At fire time the worker asks the injected `resolve` whether the condition still
 * holds and what to send (null: nothing); it sends through the channels, retries failed
 * deliveries with exponential backoff (a retry skips those already delivered), and after
 * the last attempt calls `onFailed` so the relay can mark the thread.
 *
 * Patient notices also hold a per-thread cooldown key, claimed atomically (SET NX PX)
 * before sending, so two relays or two quick jobs never notify a patient twice within it.
 */
import { createHash } from 'node:crypto';
import { UnrecoverableError, type Job, type JobType } from 'bullmq';
import { openDurableQueue } from '../store/durable-queue.ts';
import type { RedisTarget } from '../store/redis-client.ts';
import type { Logger } from 'pino';
import type { ThreadId } from '../../protocol/stream-ids.ts';
import { RelayError } from '../errors.ts';
import type { Channel, ChannelKind, OutboundMessage, SendResult } from './channel.ts';
import { notifyKeys } from './notify-keys.ts';
import { createRedisOutage, type RedisOutage } from '../store/redis-outage.ts';
import { NOTIFY_DEFAULTS } from './notify-settings.ts';

/** `resume-invite`: a link staff asked to send now, queued so it is retried and can fail visibly. */
export const NOTIFY_KINDS = ['patient-notice', 'staff-alert', 'escalation', 'resume-invite'] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

/** One message to one recipient, rendered by `resolve` (see templates.ts). */
export interface Delivery {
  channel: ChannelKind;
  /** An e-mail address or an E.164 phone. Never stored in the job, never logged. */
  to: string;
  message: OutboundMessage;
}

/** How a fired job ended, for metrics and tests. */
export type NotifyOutcome = 'sent' | 'nothing-to-send' | 'cooldown' | 'retrying' | 'failed';
type Finished = Extract<NotifyOutcome, 'sent' | 'nothing-to-send' | 'cooldown'>;

export interface NotificationQueueOptions {
  /** Where Redis is (relay/store/redis-client.ts): one server or a cluster; BullMQ's keys share one hash tag (their prefix). */
  redisTarget: RedisTarget;
  channels: Partial<Record<ChannelKind, Channel>>;
  /** Re-checks the condition at fire time: what to send now, or null when it no longer holds. */
  resolve(kind: NotifyKind, threadId: ThreadId): Promise<Delivery[] | null>;
  /** After the last attempt failed (or a delivery was refused for good): mark the thread. */
  onFailed(kind: NotifyKind, threadId: ThreadId, error: RelayError): Promise<void>;
  /** Called once the job's state is stored (a finished job's id is free again). */
  onOutcome?(kind: NotifyKind, threadId: ThreadId, outcome: NotifyOutcome): void;
  log: Logger;
  /** The relay's Redis outage watcher (one log line per outage); default: one of the queue's own. */
  outage?: RedisOutage;
  /** Attempts per job, the first included. */
  attempts?: number;
  /** Wait before the first retry; each later one waits twice as long. */
  backoffMs?: number;
  patientCooldownMs?: number;
  /** False: this instance only schedules and cancels (e.g. a CLI); another relay's worker sends. */
  runWorker?: boolean;
  /** Jobs one worker runs at once: sends are network-bound, not CPU-bound. */
  concurrency?: number;
}

export interface NotificationQueue {
  /** Leaves a job to fire after `delayMs` unless one for (kind, thread) is already pending. */
  schedule(kind: NotifyKind, threadId: ThreadId, delayMs: number): Promise<void>;
  /** Drops the pending job; one already running re-checks its condition through `resolve` anyway. */
  cancel(kind: NotifyKind, threadId: ThreadId): Promise<void>;
  /** Jobs by BullMQ state (`waiting`, `delayed`, …), for metrics. */
  jobCounts(...states: JobType[]): Promise<Record<string, number>>;
  /** Lets a running job finish, then closes the worker, the queue and their connections. */
  close(): Promise<void>;
}

/** BullMQ's queue name (its keys: `{notify}:notifications:*`). */
export const QUEUE_NAME = 'notifications';
const DEFAULTS = {
  /** 1 + 5 retries over about 15 minutes with a 30 s first backoff: rides out a mail server restart. */
  attempts: 6,
  backoffMs: 30_000,
  patientCooldownMs: NOTIFY_DEFAULTS.patientCooldownSeconds * 1000,
  concurrency: 8,
} as const;

interface JobData {
  kind: NotifyKind;
  threadId: ThreadId;
  /** Hashes of deliveries already made, so a retry does not repeat them. */
  sent?: string[];
}

export const jobId = (kind: NotifyKind, threadId: ThreadId) => `${kind}.${threadId}`;

/** Names a delivery without storing its address. */
const deliveryKey = (delivery: Delivery) => createHash('sha256').update(`${delivery.channel}:${delivery.to}`).digest('base64url').slice(0, 16);

// Deletes the cooldown only if this job set it: a failed notice must not block the next.
const RELEASE_IF_OURS = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

/** The code of whatever `resolve` threw, never its message (an ioredis error carries the command). */
function resolveError(error: unknown): RelayError {
  const code = error instanceof RelayError ? error.code : (error as { code?: unknown })?.code;
  return new RelayError('RELAY_ERR_NOTIFY_RESOLVE', typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : undefined);
}

export function createNotificationQueue(options: NotificationQueueOptions): NotificationQueue {
  const attempts = options.attempts ?? DEFAULTS.attempts;
  const backoffMs = options.backoffMs ?? DEFAULTS.backoffMs;
  const cooldownMs = options.patientCooldownMs ?? DEFAULTS.patientCooldownMs;
  const { log } = options;
  const outage = options.outage ?? createRedisOutage(log);

  /** True when this job may send: it claimed the thread's cooldown now, or on an earlier attempt. */
  async function claimCooldown(job: Job<JobData>): Promise<boolean> {
    const key = notifyKeys.cooldown(job.data.kind, job.data.threadId);
    const token = `${job.id}@${job.timestamp}`;
    if ((await queueRedis.set(key, token, 'PX', cooldownMs, 'NX')) === 'OK') return true;
    return (await queueRedis.get(key)) === token;
  }

  async function releaseCooldown(job: Job<JobData>): Promise<void> {
    await queueRedis.eval(RELEASE_IF_OURS, 1, notifyKeys.cooldown(job.data.kind, job.data.threadId), `${job.id}@${job.timestamp}`);
  }

  async function send(delivery: Delivery): Promise<SendResult> {
    const channel = options.channels[delivery.channel];
    if (!channel) return { ok: false, error: new RelayError('RELAY_ERR_NOTIFY_NO_CHANNEL', delivery.channel), permanent: true };
    return channel.send(delivery.to, delivery.message);
  }

  async function fail(job: Job<JobData>, error: RelayError, anySent: boolean): Promise<never> {
    const { kind, threadId } = job.data;
    log.warn(
      { code: 'RELAY_ERR_NOTIFY_FAILED', cause: error.code, detail: error.message, kind, threadId, attempts: job.attemptsMade + 1 },
      'notification failed',
    );
    if (kind === 'patient-notice' && !anySent) await releaseCooldown(job);
    try {
      await options.onFailed(kind, threadId, error);
    } catch (cause) {
      log.error({ code: 'RELAY_ERR_NOTIFY_FAILED', kind, threadId, type: (cause as Error)?.name }, 'marking a failed notification failed');
    }
    throw new UnrecoverableError(error.message);
  }

  async function run(job: Job<JobData>): Promise<Finished> {
    const { kind, threadId } = job.data;
    const lastAttempt = job.attemptsMade + 1 >= attempts;
    let deliveries: Delivery[] | null;
    try {
      deliveries = await options.resolve(kind, threadId);
    } catch (error) {
      if (lastAttempt) return fail(job, resolveError(error), false);
      throw resolveError(error);
    }
    if (!deliveries || deliveries.length === 0) return 'nothing-to-send';
    if (kind === 'patient-notice' && !(await claimCooldown(job))) return 'cooldown';

    const sent = new Set(job.data.sent);
    let failure: Extract<SendResult, { ok: false }> | null = null;
    for (const delivery of deliveries) {
      const key = deliveryKey(delivery);
      if (sent.has(key)) continue;
      const result = await send(delivery);
      if (result.ok) sent.add(key);
      else if (!failure || (result.permanent && !failure.permanent)) failure = result;
    }
    if (!failure) return 'sent';
    if (sent.size > (job.data.sent?.length ?? 0)) await job.updateData({ ...job.data, sent: [...sent] });
    if (lastAttempt || failure.permanent) return fail(job, failure.error, sent.size > 0);
    log.warn({ code: failure.error.code, detail: failure.error.message, kind, threadId, attempt: job.attemptsMade + 1 }, 'notification will be retried');
    throw failure.error;
  }

  const durable = openDurableQueue<JobData, Finished>({
    name: QUEUE_NAME,
    prefix: notifyKeys.queuePrefix,
    redisTarget: options.redisTarget,
    outage,
    label: 'notify',
    run: (options.runWorker ?? true) ? run : null,
    concurrency: options.concurrency ?? DEFAULTS.concurrency,
  });
  const { queue, redis: queueRedis } = durable;
  const { onOutcome } = options;
  if (durable.worker && onOutcome) {
    // Worker events follow BullMQ's own bookkeeping, so a caller told 'sent' can schedule anew.
    durable.worker.on('completed', (job, outcome) => onOutcome(job.data.kind, job.data.threadId, outcome));
    durable.worker.on('failed', (job, error) => {
      if (job) onOutcome(job.data.kind, job.data.threadId, error instanceof UnrecoverableError ? 'failed' : 'retrying');
    });
  }

  return {
    async schedule(kind, threadId, delayMs) {
      await queue.add(
        kind,
        { kind, threadId },
        {
          jobId: jobId(kind, threadId),
          delay: Math.max(0, Math.round(delayMs)),
          attempts,
          backoff: { type: 'exponential', delay: backoffMs },
          // A finished job frees its id, so the next condition schedules a new one.
          removeOnComplete: true,
          removeOnFail: true,
        },
      );
    },
    async cancel(kind, threadId) {
      await queue.remove(jobId(kind, threadId));
    },
    jobCounts: (...states) => queue.getJobCounts(...states),
    close: durable.close,
  };
}
