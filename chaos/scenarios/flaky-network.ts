/**
 * T4: the widget's own ClinicChatClient, in Chromium (chaos/browser-patients.ts), talking
 * to the relay through a TCP proxy that adds 5–80 ms of latency each way and resets every
 * connection after 0.3–2.5 s → every message is stored once and every client ends up
 * showing each of its messages once, in the order it queued them.
 */
import type { StreamId } from '../../protocol/ids.ts';
import { DEMO_SITE_KEY } from '../../relay/demo-seed.ts';
import { createClinicStore } from '../../relay/store/clinic-store.ts';
import { connectTo } from '../../relay/store/redis-client.ts';
import { startBrowserPatients } from '../browser-patients.ts';
import { startFlakyProxy } from '../flaky-proxy.ts';
import type { Patient } from '../patient.ts';
import { withStack } from '../processes.ts';
import type { Scenario } from '../scenario.ts';
import { verify } from '../verify.ts';

const CLIENTS = 10;
const MESSAGES_PER_CLIENT = 50;
/** A client whose messages are not all stored by then fails the scenario. */
const DEADLINE_MS = 180_000;

/** The demo clinic also accepts the patients' page (before anyone connects: the relay caches clinics). */
async function allowOrigin(redisUrl: string, siteKey: string, origin: string): Promise<void> {
  const redis = connectTo(redisUrl);
  try {
    const clinics = createClinicStore(redis);
    const clinic = await clinics.getBySiteKey(siteKey);
    if (!clinic) throw new Error(`no clinic ${siteKey}`);
    await clinics.update(clinic.id, { origins: [...clinic.origins, origin] });
  } finally {
    redis.disconnect();
  }
}

export const flakyNetwork: Scenario = ({ dir, log }) =>
  withStack(dir, {}, async ({ redis, relay }) => {
    // The browser sends its page's Origin, so the proxy adds none.
    const proxy = await startFlakyProxy({ upstreamPort: relay.port, origin: relay.url, latencyMs: [5, 80], lifetimeMs: [300, 2_500] });
    const browser = await startBrowserPatients({
      relay: proxy.url,
      siteKey: DEMO_SITE_KEY,
      deadlineMs: DEADLINE_MS,
      allowOrigin: (origin) => allowOrigin(redis.url, DEMO_SITE_KEY, origin),
    });
    try {
      const patients: Patient[] = await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          const { threadId, sent, shown } = await browser.run(`t4 client ${c}`, MESSAGES_PER_CLIENT);
          const byClient = new Map(shown.flatMap((message) => ('clientId' in message ? [[message.clientId, message.id] as const] : [])));
          return {
            threadId,
            acked: sent.map((clientId) => ({ clientId, id: byClient.get(clientId) as StreamId })),
            read: shown,
            reconnects: 0,
            retries: 0,
            send: () => Promise.reject(new Error('not used')),
            catchUp: () => Promise.resolve(),
            close: () => undefined,
          };
        }),
      );
      log(`T4: ${CLIENTS} clients in Chromium stored ${CLIENTS * MESSAGES_PER_CLIENT} messages through ${proxy.resets} connection resets`);
      const verdict = await verify(redis.url, patients);
      return { ...verdict, clients: CLIENTS, resets: proxy.resets, client: 'ClinicChatClient in Chromium' };
    } finally {
      await browser.close();
      await proxy.close();
    }
  });
