/**
 * T5: a reconnect storm. 5,000 patients hold a socket each, the relay is SIGKILLed and
 * restarted, and every socket reconnects and reads back what it missed (a message each
 * was sent while the relay was down, through the store). Measured from the moment the
 * new relay is ready to the last patient resumed (goal ≤ 10 s on a 2-core machine).
 * The patients reconnect with this suite's backoff (0.2 s doubling to 2 s, ±50 %), not the
 * widget's (1 s doubling to 30 s): a widget's return is spread by its own backoff.
 */
import { performance } from 'node:perf_hooks';
import { newClientMessageId } from '../../protocol/ids.ts';
import { connectRedis } from '../../relay/store/redis-client.ts';
import { createThreadStore } from '../../relay/store/thread-store.ts';
import { connectPatient } from '../patient.ts';
import { withStack } from '../processes.ts';
import { counter, mapLimited, type Scenario } from '../scenario.ts';
import { verify } from '../verify.ts';

const SOCKETS = Number(process.env.CHAOS_STORM_SOCKETS ?? 5_000);
const CONNECT_CONCURRENCY = 50;

export const reconnectStorm: Scenario = ({ dir, log }) =>
  withStack(dir, {}, async ({ redis, relay }) => {
    const store = connectRedis(redis.url);
    try {
      const resumed = counter();
      const patients = await mapLimited(Array.from({ length: SOCKETS }), CONNECT_CONCURRENCY, async (_, i) => {
        const patient = await connectPatient(relay.url, { onResumed: resumed.tick });
        await patient.send(1, `t5 patient ${i}`);
        return patient;
      });
      log(`T5: ${SOCKETS} patients connected`);
      await relay.kill();
      // Written while the relay is down: each patient must read it back on resuming.
      const threads = createThreadStore(store, { maxMessages: 0 });
      await mapLimited(patients, CONNECT_CONCURRENCY, (patient) =>
        threads.append(patient.threadId, { kind: 'patient' }, { type: 'text', clientId: newClientMessageId(), text: 'written while the relay was down' }),
      );
      await relay.start();
      const up = performance.now();
      await resumed.reaches(SOCKETS);
      const allResumedSeconds = Math.round((performance.now() - up) / 100) / 10;
      log(`T5: all ${SOCKETS} resumed ${allResumedSeconds} s after the relay was ready`);
      await Promise.all(patients.map((patient) => patient.catchUp()));
      const verdict = await verify(redis.url, patients);
      for (const patient of patients) patient.close();
      return { ...verdict, sockets: SOCKETS, allResumedSeconds, goalSeconds: 10 };
    } finally {
      store.disconnect();
    }
  });
