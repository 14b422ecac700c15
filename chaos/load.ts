/**
 * What the kill-under-load scenarios (T1–T3) share: patients, one thread each, sending
 * their messages while the scenario breaks something, a count of acks to time the faults
 * by, and the ending — every send done, every reader caught up, the verdict from Redis.
 */
import { connectPatient, type Patient } from './patient.ts';
import { mapLimited } from '../bench/limited-concurrency.ts';
import { verify, type Verdict } from './verify.ts';

/** Patients connecting at once: enough to be quick, few enough not to storm the relay. */
const CONNECT_CONCURRENCY = 10;

/** A count that can be awaited: `reaches(n)` resolves once `tick` has been called n times. */
export interface Counter {
  readonly count: number;
  tick(): void;
  reaches(target: number): Promise<void>;
}

export function counter(): Counter {
  let count = 0;
  const waiting = new Set<{ target: number; resolve(): void }>();
  return {
    get count() {
      return count;
    },
    tick() {
      count += 1;
      for (const waiter of waiting) {
        if (count < waiter.target) continue;
        waiting.delete(waiter);
        waiter.resolve();
      }
    },
    reaches(target) {
      if (count >= target) return Promise.resolve();
      return new Promise((resolve) => waiting.add({ target, resolve }));
    },
  };
}

export interface LoadOptions {
  threads: number;
  /** In all, spread evenly over the threads. */
  messages: number;
  /** Written into every message, with the thread's number: tells scenarios apart in Redis. */
  label: string;
}

export interface Load {
  readonly patients: readonly Patient[];
  /** Acks received so far, all patients together. */
  readonly acks: Counter;
  /** Waits for every send and every reader, closes the patients and judges from Redis. */
  finish(redisUrl: string): Promise<Verdict & { retries: number }>;
}

/** Connects the patients and starts sending; resolves once all are connected. */
export async function startLoad(url: string, { threads, messages, label }: LoadOptions): Promise<Load> {
  const acks = counter();
  const patients = await mapLimited(Array.from({ length: threads }), CONNECT_CONCURRENCY, () => connectPatient(url, { onAcked: acks.tick }));
  const sending = Promise.all(patients.map((patient, i) => patient.send(messages / threads, `${label} thread ${i}`)));
  return {
    patients,
    acks,
    async finish(redisUrl) {
      await sending;
      await Promise.all(patients.map((patient) => patient.catchUp()));
      const verdict = await verify(redisUrl, patients);
      for (const patient of patients) patient.close();
      return { ...verdict, retries: patients.reduce((sum, patient) => sum + patient.retries, 0) };
    },
  };
}
