/**
 * Assembles one relay: Redis, the stores, Fastify for HTTP and Socket.IO on the same
 * server. Fastify owns the whole lifecycle, so there is one shutdown path: `close()` is
 * `app.close()`, whose hooks stop taking events, finish in-flight acknowledgements,
 * close the sockets and adapters, and then Redis. A start that fails (a port in use)
 * runs the same path, so no Redis connection outlives it.
 */
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger } from 'pino';
import { createLogger } from './logger.ts';
import { NAMESPACES } from '../protocol/events.ts';
import type { RelayConfig } from './config.ts';
import { createHttpApp, registerHttpRoutes } from './http/app.ts';
import { connectRedis } from './store/redis-client.ts';
import { createStores, type Stores } from './store/stores.ts';
import { createClinicAdmin } from './admin/clinic-admin.ts';
import { createConversationActions } from './realtime/conversation-actions.ts';
import { createFanOut } from './realtime/fan-out.ts';
import { createHandshakeLimiter } from './realtime/handshake-limiter.ts';
import { createInFlight } from './realtime/in-flight.ts';
import type { StaffNamespace, VisitorNamespace } from './realtime/namespaces.ts';
import { attachStaffNamespace } from './realtime/staff-namespace.ts';
import { attachVisitorNamespace } from './realtime/visitor-namespace.ts';

/** How long shutdown waits for in-flight acknowledgements before closing anyway. */
const DRAIN_TIMEOUT_MS = 5_000;

/** The window the per-socket rate limits count over. */
const RATE_WINDOW_MS = 10_000;

export interface Relay {
  url: string;
  port: number;
  stores: Stores;
  log: Logger;
  close(): Promise<void>;
}

export async function startRelay(config: Readonly<RelayConfig>, redisUrl: string, log: Logger = createLogger(config)): Promise<Relay> {
  const app = createHttpApp(config, log);
  const redis = connectRedis(redisUrl);
  const adapterRedis = config.adapter === 'redis-streams' ? connectRedis(redisUrl) : null;
  // Registered first, so it runs last: every other part is closed before Redis goes.
  app.addHook('onClose', async () => {
    await Promise.all([redis.quit(), adapterRedis?.quit()]);
  });
  const stores = createStores(redis, config);
  let closing = false;
  const inFlight = createInFlight();

  const io = new Server(app.server, {
    serveClient: false,
    maxHttpBufferSize: config.maxFrameBytes,
    // Any site may try; the visitor namespace checks the Origin against the clinic's
    // allowlist and the staff namespace accepts only the relay's own origin.
    cors: { origin: true, credentials: false },
  });
  if (adapterRedis) io.adapter(createAdapter(adapterRedis));

  const visitorNs = io.of(NAMESPACES.visitor) as VisitorNamespace;
  const staffNs = io.of(NAMESPACES.staff) as StaffNamespace;
  const fanOut = createFanOut(visitorNs, staffNs);
  const services = {
    config, stores, fanOut, log,
    actions: createConversationActions(stores, fanOut),
    admin: createClinicAdmin(stores),
    handshakes: createHandshakeLimiter(redis, config.visitorHandshakesPerMinute),
    guard: {
      inFlight, isClosing: () => closing, log, maxInFlight: config.maxInFlight,
      rateLimits: { messages: config.messagesPerSocket, events: config.eventsPerSocket, windowMs: RATE_WINDOW_MS },
    },
  };
  attachVisitorNamespace(visitorNs, services);
  attachStaffNamespace(staffNs, services);
  await registerHttpRoutes(app, { config, redis, stores, staffNamespace: staffNs });

  app.addHook('preClose', async () => {
    closing = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([inFlight.drained(), new Promise((resolve) => { timer = setTimeout(resolve, DRAIN_TIMEOUT_MS); })]);
    clearTimeout(timer);
    // Upgraded WebSocket connections would keep the HTTP server open forever; the
    // namespaces' adapters (with redis-streams: polling clients and heartbeats) likewise.
    io.disconnectSockets(true);
    io.engine.close();
    await Promise.all([io.of('/'), visitorNs, staffNs].map((nsp) => nsp.adapter.close()));
  });

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    stores,
    log,
    close: () => app.close(),
  };
}
