/**
 * T2: Redis with `appendfsync always` SIGKILLed mid-load, left down for 3 s and restarted from its AOF; the
 * relay stays up (refusing with UNAVAILABLE meanwhile, the senders retry) → every acked
 * message is there.
 */
import { join } from 'node:path';
import { connectPatient } from '../patient.ts';
import { relayOn, redisOn } from '../processes.ts';
import { freePort, mapLimited, whenCount, type Scenario } from '../scenario.ts';
import { verify } from '../verify.ts';

const THREADS = 20;
const MESSAGES = 3_000;
/** Long enough for the relay's retries to give up, so senders see UNAVAILABLE and retry. */
const DOWN_MS = 3_000;

export const redisKill: Scenario = async ({ dir, log }) => {
  const redis = redisOn({ dir: join(dir, 'redis'), port: await freePort(), appendfsync: 'always' });
  await redis.start();
  const relay = relayOn(await freePort(), { REDIS_URL: redis.url });
  try {
    await relay.start();
    let acked = 0;
    const listeners = new Set<() => void>();
    const onAcked = () => {
      acked += 1;
      for (const listener of listeners) listener();
    };
    const patients = await mapLimited(Array.from({ length: THREADS }), 10, () => connectPatient(relay.url, { onAcked }));
    const sending = Promise.all(patients.map((patient, i) => patient.send(MESSAGES / THREADS, `t2 thread ${i}`)));
    await whenCount(
      MESSAGES / 2,
      () => acked,
      (listener) => listeners.add(listener),
    );
    const killedAt = acked;
    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
    await redis.start();
    log(`T2: redis killed at ${killedAt} acked and restarted from its AOF`);
    await sending;
    await Promise.all(patients.map((patient) => patient.catchUp()));
    const verdict = await verify(redis.url, patients);
    for (const patient of patients) patient.close();
    return { ...verdict, killedAtAcked: killedAt, retries: patients.reduce((sum, p) => sum + p.retries, 0) };
  } finally {
    await relay.stop();
    await redis.stop();
  }
};
