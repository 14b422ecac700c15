/**
 * T3: three relays (RELAY_ADAPTER=redis-streams) behind Debian's HAProxy, round robin, not
 * sticky; one is SIGKILLed under load and not restarted → its patients reconnect through
 * the balancer to the other two and resume, with nothing lost.
 */
import { join } from 'node:path';
import { connectPatient } from '../patient.ts';
import { relayOn, redisOn, startBalancer } from '../processes.ts';
import { freePort, mapLimited, whenCount, type Scenario } from '../scenario.ts';
import { verify } from '../verify.ts';

const RELAYS = 3;
const THREADS = 30;
const MESSAGES = 3_000;

export const balancerFailover: Scenario = async ({ dir, log }) => {
  const redis = redisOn({ dir: join(dir, 'redis'), port: await freePort() });
  await redis.start();
  const balancerPort = await freePort();
  const publicUrl = `http://127.0.0.1:${balancerPort}`;
  const relays = await Promise.all(
    Array.from({ length: RELAYS }, async () => relayOn(await freePort(), { REDIS_URL: redis.url, RELAY_ADAPTER: 'redis-streams', PUBLIC_URL: publicUrl })),
  );
  let balancer: Awaited<ReturnType<typeof startBalancer>> | null = null;
  try {
    // One after the other: the first seeds the demo clinic, the others find it.
    for (const relay of relays) await relay.start();
    balancer = await startBalancer(
      dir,
      balancerPort,
      relays.map((relay) => relay.port),
    );
    let acked = 0;
    const listeners = new Set<() => void>();
    const onAcked = () => {
      acked += 1;
      for (const listener of listeners) listener();
    };
    const patients = await mapLimited(Array.from({ length: THREADS }), 10, () => connectPatient(publicUrl, { onAcked }));
    const sending = Promise.all(patients.map((patient, i) => patient.send(MESSAGES / THREADS, `t3 thread ${i}`)));
    await whenCount(
      MESSAGES / 2,
      () => acked,
      (listener) => listeners.add(listener),
    );
    await relays[0]!.kill();
    log(`T3: relay 1 of ${RELAYS} killed at ${acked} acked`);
    await sending;
    await Promise.all(patients.map((patient) => patient.catchUp()));
    const verdict = await verify(redis.url, patients);
    for (const patient of patients) patient.close();
    return {
      ...verdict,
      relays: RELAYS,
      moved: patients.filter((patient) => patient.reconnects > 0).length,
      retries: patients.reduce((sum, p) => sum + p.retries, 0),
    };
  } finally {
    await balancer?.stop();
    await Promise.all(relays.map((relay) => relay.stop()));
    await redis.stop();
  }
};
