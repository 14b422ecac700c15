/**
 * T1: one sender per thread, 10,000 messages with client ids and retries, while the relay
 * is SIGKILLed 5 times (at evenly spaced ack counts) and restarted on the same port.
 */
import { join } from 'node:path';
import { connectPatient } from '../patient.ts';
import { relayOn, redisOn } from '../processes.ts';
import { freePort, mapLimited, whenCount, type Scenario } from '../scenario.ts';
import { verify } from '../verify.ts';

const THREADS = 50;
const MESSAGES = 10_000;
const KILLS = 5;

export const relayKills: Scenario = async ({ dir, log }) => {
  const redis = redisOn({ dir: join(dir, 'redis'), port: await freePort() });
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
    const sending = Promise.all(patients.map((patient, i) => patient.send(MESSAGES / THREADS, `t1 thread ${i}`)));
    let downMs = 0;
    for (let kill = 1; kill <= KILLS; kill += 1) {
      await whenCount(
        (kill * MESSAGES) / (KILLS + 1),
        () => acked,
        (listener) => listeners.add(listener),
      );
      const start = Date.now();
      await relay.kill();
      await relay.start();
      downMs += Date.now() - start;
      log(`T1: relay killed and restarted (${kill}/${KILLS}) at ${acked} acked`);
    }
    await sending;
    await Promise.all(patients.map((patient) => patient.catchUp()));
    const verdict = await verify(redis.url, patients);
    for (const patient of patients) patient.close();
    return {
      ...verdict,
      kills: KILLS,
      relayDownSeconds: Math.round(downMs / 100) / 10,
      retries: patients.reduce((sum, p) => sum + p.retries, 0),
      reconnects: patients.reduce((sum, p) => sum + p.reconnects, 0),
    };
  } finally {
    await relay.stop();
    await redis.stop();
  }
};
