/**
 * T3: three relays (RELAY_ADAPTER=redis-streams) behind Debian's HAProxy, round robin, not
 * sticky; one is SIGKILLed under load and not restarted → its patients reconnect through
 * the balancer to the other two and resume, with nothing lost.
 */
import { join } from 'node:path';
import { startLoad } from '../load.ts';
import { relayOn, redisOn, startBalancer } from '../processes.ts';
import { freePort, type Scenario } from '../scenario.ts';

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
    const load = await startLoad(publicUrl, { threads: THREADS, messages: MESSAGES, label: 't3' });
    await load.acks.reaches(MESSAGES / 2);
    await relays[0]!.kill();
    log(`T3: relay 1 of ${RELAYS} killed at ${load.acks.count} acked`);
    const verdict = await load.finish(redis.url);
    return { ...verdict, relays: RELAYS, moved: load.patients.filter((patient) => patient.reconnects > 0).length };
  } finally {
    await balancer?.stop();
    await Promise.all(relays.map((relay) => relay.stop()));
    await redis.stop();
  }
};
