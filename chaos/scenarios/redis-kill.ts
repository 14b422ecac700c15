/**
 * T2: Redis with `appendfsync always` SIGKILLed mid-load, left down for 3 s and restarted from its AOF; the
 * relay stays up (refusing with UNAVAILABLE meanwhile, the senders retry) → every acked
 * message is there.
 */
import { setTimeout as pause } from 'node:timers/promises';
import { startLoad } from '../load.ts';
import { withStack } from '../processes.ts';
import type { Scenario } from '../scenario.ts';

const THREADS = 20;
const MESSAGES = 3_000;
/** Long enough for the relay's retries to give up, so senders see UNAVAILABLE and retry. */
const DOWN_MS = 3_000;

export const redisKill: Scenario = ({ dir, log }) =>
  withStack(dir, { appendfsync: 'always' }, async ({ redis, relay }) => {
    const load = await startLoad(relay.url, { threads: THREADS, messages: MESSAGES, label: 't2' });
    await load.acks.reaches(MESSAGES / 2);
    const killedAtAcked = load.acks.count;
    await redis.kill();
    await pause(DOWN_MS);
    await redis.start();
    log(`T2: redis killed at ${killedAtAcked} acked and restarted from its AOF`);
    return { ...(await load.finish(redis.url)), killedAtAcked };
  });
