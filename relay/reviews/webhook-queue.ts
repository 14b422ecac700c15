/**
 * Webhook deliveries on a durable BullMQ queue in the relay's Redis (`{webhooks}`), the
 * same wiring as notify/notification-queue.ts (store/durable-queue.ts): a job outlives the relay that queued it,
 * any relay's worker sends it, failures are retried with exponential backoff, and after
 * the last attempt the job ends as failed. Each POST has a timeout; every attempt goes to
 * the clinic's delivery log. Enqueuing is one Redis command and never waits on the
 * receiver, so a failing webhook blocks nothing.
 *
 * The URL and secret are read when the job runs: a changed webhook applies to pending
 * deliveries, and a removed one ends them. The signature is made per attempt (its time
 * is the attempt's), over the body stored once in the job.
 */
import { UnrecoverableError, type Job, type JobType } from 'bullmq';
import { openDurableQueue } from '../store/durable-queue.ts';
import type { RedisTarget } from '../store/redis-client.ts';
import type { Logger } from 'pino';
import type { ClinicId } from '../../protocol/ids.ts';
import { WEBHOOK_SIGNATURE_HEADER, type WebhookEvent } from '../../protocol/review-api.ts';
import { reviewKeys } from './review-keys.ts';
import { signWebhook } from './webhook-signature.ts';
import type { WebhookStore } from './webhook-store.ts';
import { createRedisOutage, type RedisOutage } from '../store/redis-outage.ts';

export const WEBHOOK_QUEUE_NAME = 'webhooks';

const DEFAULTS = {
  /** 1 + 7 retries over about 2 hours with a 30 s first backoff: rides out a receiver's deploy. */
  attempts: 8,
  backoffMs: 30_000,
  /** A receiver that does not answer in this time counts as failed (and is retried). */
  timeoutMs: 10_000,
  concurrency: 8,
  /** Finished jobs kept (with their body) so the owner can replay them. */
  keptJobs: 1000,
} as const;

export interface WebhookQueueOptions {
  /** Where Redis is (relay/store/redis-client.ts): one server or a cluster; BullMQ's keys share one hash tag (their prefix). */
  redisTarget: RedisTarget;
  webhooks: WebhookStore;
  log: Logger;
  /** The relay's Redis outage watcher (one log line per outage); default: one of the queue's own. */
  outage?: RedisOutage;
  attempts?: number;
  backoffMs?: number;
  timeoutMs?: number;
  /** Called when this relay's worker finishes an attempt (metrics). */
  onOutcome?(outcome: Outcome | 'retrying' | 'failed'): void;
  runWorker?: boolean;
}

interface JobData {
  clinicId: ClinicId;
  eventId: string;
  type: WebhookEvent['type'];
  /** The exact bytes signed and sent. */
  body: string;
}

export interface WebhookQueue {
  /** Queues the event for the clinic's webhook (if it has one when the job runs). */
  enqueue(clinicId: ClinicId, event: WebhookEvent): Promise<void>;
  /** Jobs by BullMQ state (`waiting`, `delayed`, …), for metrics. */
  jobCounts(...states: JobType[]): Promise<Record<string, number>>;
  /**
   * Sends a recent event of the clinic again (the owner's replay): the same body, so the
   * receiver de-duplicates by its `id`, in a job of its own. False when the event is unknown
   * or too old to be kept (the last `keptJobs` jobs are).
   */
  replay(clinicId: ClinicId, eventId: string): Promise<boolean>;
  close(): Promise<void>;
}

type Outcome = 'delivered' | 'no-webhook';

export function createWebhookQueue(options: WebhookQueueOptions): WebhookQueue {
  const attempts = options.attempts ?? DEFAULTS.attempts;
  const backoffMs = options.backoffMs ?? DEFAULTS.backoffMs;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const { log, webhooks } = options;
  const outage = options.outage ?? createRedisOutage(log);

  /** The receiver's status, or null when it did not answer (timeout, refused, DNS). */
  async function post(url: string, secret: string, body: string): Promise<number | null> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secret, body, Math.floor(Date.now() / 1000)) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      return response.status;
    } catch {
      // fetch rejects only when there is no answer; the attempt is logged as status null
      return null;
    }
  }

  async function run(job: Job<JobData>): Promise<Outcome> {
    const { clinicId, eventId, type, body } = job.data;
    const webhook = await webhooks.get(clinicId);
    if (!webhook) return 'no-webhook';
    const attempt = job.attemptsMade + 1;
    const status = await post(webhook.url, webhook.secret, body);
    const delivered = status !== null && status >= 200 && status < 300;
    const last = attempt >= attempts;
    const outcome = delivered ? 'delivered' : last ? 'failed' : 'retrying';
    await webhooks.logDelivery(clinicId, { eventId, type, attempt, status, outcome, at: Date.now() });
    if (delivered) return 'delivered';
    log.warn({ code: 'RELAY_ERR_WEBHOOK_SEND', clinicId, eventId, type, attempt, status }, 'webhook delivery failed');
    if (last) throw new UnrecoverableError(`webhook answered ${status ?? 'nothing'}`);
    throw new Error(`webhook answered ${status ?? 'nothing'}`);
  }

  const durable = openDurableQueue<JobData, Outcome>({
    name: WEBHOOK_QUEUE_NAME,
    prefix: reviewKeys.webhookQueuePrefix,
    redisTarget: options.redisTarget,
    outage,
    label: 'webhook',
    run: (options.runWorker ?? true) ? run : null,
    concurrency: DEFAULTS.concurrency,
  });
  const { queue } = durable;
  const { onOutcome } = options;
  if (durable.worker && onOutcome) {
    durable.worker.on('completed', (_job, outcome) => onOutcome(outcome));
    durable.worker.on('failed', (_job, error) => onOutcome(error instanceof UnrecoverableError ? 'failed' : 'retrying'));
  }

  return {
    async enqueue(clinicId, event) {
      await queue.add(
        event.type,
        { clinicId, eventId: event.id, type: event.type, body: JSON.stringify(event) },
        { jobId: event.id, attempts, backoff: { type: 'exponential', delay: backoffMs }, removeOnComplete: DEFAULTS.keptJobs, removeOnFail: DEFAULTS.keptJobs },
      );
    },
    jobCounts: (...states) => queue.getJobCounts(...states),
    async replay(clinicId, eventId) {
      const job = await queue.getJob(eventId);
      if (!job || job.data.clinicId !== clinicId) return false;
      await queue.add(job.data.type, job.data, {
        jobId: `${eventId}-replay-${Date.now()}`,
        attempts,
        backoff: { type: 'exponential', delay: backoffMs },
        removeOnComplete: true,
        removeOnFail: DEFAULTS.keptJobs,
      });
      return true;
    },
    close: durable.close,
  };
}
