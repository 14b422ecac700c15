/**
 * T1: one sender per thread, 10,000 messages with client ids and retries, while the relay
 * is SIGKILLed 5 times (at evenly spaced ack counts) and restarted on the same port.
 */
import { startLoad } from '../load.ts';
import { withStack } from '../processes.ts';
import type { Scenario } from '../scenario.ts';

const THREADS = 50;
const MESSAGES = 10_000;
const KILLS = 5;

export const relayKills: Scenario = ({ dir, log }) =>
  withStack(dir, {}, async ({ redis, relay }) => {
    const load = await startLoad(relay.url, { threads: THREADS, messages: MESSAGES, label: 't1' });
    let downMs = 0;
    for (let kill = 1; kill <= KILLS; kill += 1) {
      await load.acks.reaches((kill * MESSAGES) / (KILLS + 1));
      const start = Date.now();
      await relay.kill();
      await relay.start();
      downMs += Date.now() - start;
      log(`T1: relay killed and restarted (${kill}/${KILLS}) at ${load.acks.count} acked`);
    }
    const reconnects = () => load.patients.reduce((sum, p) => sum + p.reconnects, 0);
    const verdict = await load.finish(redis.url);
    return { ...verdict, kills: KILLS, relayDownSeconds: Math.round(downMs / 100) / 10, reconnects: reconnects() };
  });
