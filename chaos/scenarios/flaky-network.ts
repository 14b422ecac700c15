/**
 * T4: the widget's own ClinicChatClient (headless, in Node, memory storage) talking to
 * the relay through a TCP proxy that adds 5–80 ms of latency each way and resets every
 * connection after 0.3–2.5 s → every message is stored once and every client ends up
 * showing each of its messages once, as sent. Node clients instead of Chromium: the
 * same client code, without a browser per patient on a 2-core machine.
 */
import type { ClientMessageId, StreamId } from '../../protocol/ids.ts';
import type { Message } from '../../protocol/model.ts';
import { DEMO_SITE_KEY } from '../../relay/demo-seed.ts';
import { ClinicChatClient } from '../../widget/client/index.ts';
import { startFlakyProxy } from '../flaky-proxy.ts';
import { installPageShim } from '../node-page.ts';
import type { Patient } from '../patient.ts';
import { withStack } from '../processes.ts';
import type { Scenario } from '../scenario.ts';
import { verify } from '../verify.ts';

const CLIENTS = 10;
const MESSAGES_PER_CLIENT = 50;
/** Between two sends of one client. */
const QUEUE_GAP_MS = 2;
/** A client whose messages are not all stored by then fails the scenario. */
const DEADLINE_MS = 180_000;

/** Waits until every message this client queued is stored, and returns what it shows. */
function settled(chat: ClinicChatClient, sent: readonly ClientMessageId[]): Promise<Message[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a client still had unsent messages after ${DEADLINE_MS / 1000} s`)), DEADLINE_MS);
    const check = () => {
      const timeline = chat.timeline();
      if (timeline.some((entry) => entry.kind === 'unsent')) return;
      const stored = timeline.flatMap((entry) => (entry.kind === 'stored' ? [entry.message] : []));
      const mine = new Set(stored.flatMap((message) => ('clientId' in message ? [message.clientId] : [])));
      if (!sent.every((id) => mine.has(id))) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(stored);
    };
    let unsubscribe = () => {};
    unsubscribe = chat.on('change', check);
    check();
  });
}

export const flakyNetwork: Scenario = ({ dir, log }) =>
  withStack(dir, {}, async ({ redis, relay }) => {
    const proxy = await startFlakyProxy({ upstreamPort: relay.port, origin: relay.url, latencyMs: [5, 80], lifetimeMs: [300, 2_500] });
    installPageShim(`${proxy.url}/clinic-page`);
    const chats: ClinicChatClient[] = [];
    try {
      const patients: Patient[] = await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          const chat = new ClinicChatClient({ siteKey: DEMO_SITE_KEY, relay: proxy.url, storage: null });
          chats.push(chat);
          chat.connect();
          const sent: ClientMessageId[] = [];
          for (let i = 0; i < MESSAGES_PER_CLIENT; i += 1) {
            sent.push(chat.send(`t4 client ${c} message ${i}`));
            // Typed apart, as people do: the outbox orders messages queued within the same
            // millisecond by client id, not by send order (widget/client/outbox.ts, reported).
            await new Promise((resolve) => setTimeout(resolve, QUEUE_GAP_MS));
          }
          const shown = await settled(chat, sent);
          const byClient = new Map(shown.flatMap((message) => ('clientId' in message ? [[message.clientId, message.id] as const] : [])));
          const threadId = chat.thread?.id;
          if (!threadId) throw new Error('a client has no thread');
          return {
            threadId,
            acked: sent.map((clientId) => ({ clientId, id: byClient.get(clientId) as StreamId })),
            read: shown,
            reconnects: 0,
            retries: 0,
            send: () => Promise.reject(new Error('not used')),
            catchUp: () => Promise.resolve(),
            close: () => chat.dispose(),
          };
        }),
      );
      log(`T4: ${CLIENTS} clients stored ${CLIENTS * MESSAGES_PER_CLIENT} messages through ${proxy.resets} connection resets`);
      const verdict = await verify(redis.url, patients);
      return { ...verdict, clients: CLIENTS, resets: proxy.resets, client: 'ClinicChatClient in Node' };
    } finally {
      for (const chat of chats) chat.dispose();
      await proxy.close();
    }
  });
