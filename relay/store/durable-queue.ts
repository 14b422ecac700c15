/**
 * A BullMQ queue on the relay's Redis and, unless the caller only enqueues, this relay's
 * worker for it: the wiring the notification, webhook and retention queues share. Each gets
 * its own connection with the retry policy BullMQ needs — the queue's commands fail fast,
 * the worker's blocking reads wait out a Redis restart instead of failing the job — both
 * watched by the outage watcher, under a prefix that is one hash tag (store/README.md,
 * rule 3), and a close that does not wait forever for a Redis that is gone. A periodic
 * job is a job scheduler every relay upserts under one id, so it runs once per period
 * however many relays share the Redis.
 */
import { Queue, Worker, type Processor } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { connectBare, type RedisTarget } from './redis-client.ts';
import type { RedisOutage } from './redis-outage.ts';
import { redisReadiness } from './redis-readiness.ts';

/** How long a closing worker waits for Redis to answer before it stops without waiting for its job. */
const CLOSE_PROBE_MS = 1_000;
/** How long a closing worker waits for its running jobs: a notice or webhook takes well under a second; the queues close together (relay-server.ts), within SHUTDOWN_LIMIT_MS. */
export const JOB_GRACE_MS = 1_500;

export interface DurableQueueOptions<Data, Result> {
  name: string;
  /** One hash tag, e.g. `{notify}`: BullMQ's scripts then run on one node of a cluster. */
  prefix: string;
  redisTarget: RedisTarget;
  outage: RedisOutage;
  /** Names the two connections in the outage log: `<label>-queue`, `<label>-worker`. */
  label: string;
  /** The job's work; null: this process only enqueues (a CLI) and another relay's worker runs it. */
  run: Processor<Data, Result> | null;
  /** Jobs one worker runs at once. */
  concurrency: number;
  /** A periodic job: its scheduler id and period. Upserted on every (re)connection, so a relay started while Redis was down schedules it once Redis is back. */
  every?: { schedulerId: string; ms: number };
}

export interface DurableQueue<Data, Result> {
  queue: Queue<Data, Result>;
  /** The queue's connection, for the caller's own small commands beside the queue (cooldowns, schedulers). */
  redis: Redis | Cluster;
  worker: Worker<Data, Result> | null;
  /** Lets a running job finish (for a short grace; at once when Redis is gone), then closes both and their connections. */
  close(): Promise<void>;
}

export function openDurableQueue<Data, Result>(options: DurableQueueOptions<Data, Result>): DurableQueue<Data, Result> {
  const { name, prefix, outage, label } = options;
  const redis = connectBare(options.redisTarget, { maxRetriesPerRequest: 3 });
  outage.client(redis, `${label}-queue`);
  const queue = new Queue<Data, Result>(name, { connection: redis, prefix });
  outage.emitter(queue, `${label}-queue`);

  let workerRedis: Redis | Cluster | null = null;
  let worker: Worker<Data, Result> | null = null;
  if (options.run) {
    workerRedis = connectBare(options.redisTarget, { maxRetriesPerRequest: null });
    outage.client(workerRedis, `${label}-worker`);
    worker = new Worker<Data, Result>(name, options.run, { connection: workerRedis, prefix, concurrency: options.concurrency });
    outage.emitter(worker, `${label}-worker`);
  }
  const { every } = options;
  if (every) {
    // The upsert is idempotent; a failure is part of an outage the watcher logs, and the next 'ready' tries again.
    // BullMQ derives a job name's type from Data (for a Job type); a scheduler's name is any string.
    const scheduling = queue as Queue;
    redis.on('ready', () => {
      void scheduling
        .upsertJobScheduler(every.schedulerId, { every: every.ms }, { name: every.schedulerId, opts: { removeOnComplete: true, removeOnFail: 100 } })
        .catch(() => undefined);
    });
  }

  return {
    queue,
    redis,
    worker,
    async close() {
      // With Redis gone, a graceful close would wait for it forever (its blocking read
      // never returns): then stop at once; a job cut short is retried by the next worker.
      // On a cluster the client stays 'ready' while one master is gone, and the blocking
      // read on that master hangs the close the same way: every master must answer.
      if (worker) {
        const closed = worker.close(!(workerRedis!.status === 'ready' && (await redisReadiness(workerRedis!, CLOSE_PROBE_MS)).ready));
        // A job stuck on a remote that stalls (a mail server that took the connection and went
        // silent) would hold the close for its socket timeout: after the grace, stop waiting.
        // The job stays active in Redis and is retried once its lock expires.
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, JOB_GRACE_MS)));
        await Promise.race([closed.catch(() => undefined), late]);
        clearTimeout(timer);
      }
      await queue.close();
      workerRedis?.disconnect();
      redis.disconnect();
    },
  };
}
