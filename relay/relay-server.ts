/**
 * Assembles one relay: Redis, the stores, Fastify for HTTP and Socket.IO on the same
 * server, and the notification queue with its channels (and, when asked, the local mail
 * catcher). Fastify owns the whole lifecycle, so there is one shutdown path: `close()`
 * is `app.close()`, whose hooks stop taking events, finish in-flight acknowledgements,
 * close the sockets and adapters, let HTTP requests under way finish and close every
 * connection, then the queues (a running notice gets a short grace), the channels, the
 * mail catcher, and Redis last (README "Shutdown"). A start that fails (a port in use) runs
 * the same path, so no connection outlives it.
 */
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger } from 'pino';
import { createLogger } from './logger.ts';
import { NAMESPACES } from '../protocol/events.ts';
import type { RelayConfig } from './config.ts';
import { createHttpApp, registerHttpRoutes } from './http/app.ts';
import { trackRequests } from './http/request-drain.ts';
import { STORE_CONNECTION_NAME, connectTo, type RedisTarget } from './store/redis-client.ts';
import { createStores, type Stores } from './store/stores.ts';
import { createClinicAdmin } from './admin/clinic-admin.ts';
import { createConversationActions } from './realtime/conversation-actions.ts';
import { createFanOut } from './realtime/fan-out.ts';
import { createHandshakeLimiter } from './realtime/handshake-limiter.ts';
import { createInFlight } from './realtime/in-flight.ts';
import { createConnectionLimiter } from './realtime/connection-limiter.ts';
import { LIMITS_CONNECTION_NAME, UNLIMITED_SENDERS, createSenderLimiter } from './realtime/sender-limiter.ts';
import type { StaffNamespace, VisitorNamespace } from './realtime/namespaces.ts';
import { attachStaffNamespace } from './realtime/staff-namespace.ts';
import { attachVisitorNamespace } from './realtime/visitor-namespace.ts';
import { createNoticeResolver } from './realtime/notice-resolver.ts';
import { createNoticeScheduler } from './realtime/notice-scheduler.ts';
import { createStaffPush } from './realtime/staff-push.ts';
import { startMailCatcher, type MailCatcher } from './notify/mail-catcher.ts';
import { closeChannels, createChannels, type Channels } from './notify/notify-channels.ts';
import { createNotificationQueue, type NotifyKind, type NotifyOutcome } from './notify/notification-queue.ts';
import { createResumeLinks } from './notify/resume-links.ts';
import { createReviewConversations } from './reviews/review-conversations.ts';
import { createAttachments } from './attachments/attachments.ts';
import { scheduleUnsentSweep, type UnsentSweep } from './attachments/unsent-sweep.ts';
import { createThreadResolution } from './reviews/thread-resolution.ts';
import { createReportRecorder } from './reports/report-recorder.ts';
import { createReportReader } from './reports/report-reader.ts';
import { reportErasureStep } from './reports/report-erasure.ts';
import { createIntegrationAdmin } from './admin/integration-admin.ts';
import { createAnnounce } from './reviews/webhook-events.ts';
import { createPatientErasure, type PatientErasure } from './privacy/patient-erasure.ts';
import { storeErasureSteps } from './privacy/store-erasure-steps.ts';
import { createRetentionJob, type RetentionJob, type RetentionOptions } from './privacy/retention-job.ts';
import { createWebhookQueue, type WebhookQueueOptions } from './reviews/webhook-queue.ts';
import { createRedisOutage } from './store/redis-outage.ts';
import { QUEUE_STATES, createRelayMetrics } from './metrics/relay-metrics.ts';
import { instrumentChannels, instrumentFanOut, instrumentRedis } from './metrics/instrument.ts';

/** How long shutdown waits for in-flight acknowledgements before closing anyway. */
const DRAIN_TIMEOUT_MS = 5_000;
/** The whole shutdown must finish within this: main.ts then exits with an error, the test harness moves on. */
export const SHUTDOWN_LIMIT_MS = 10_000;

/** The window the per-socket rate limits count over. */
const RATE_WINDOW_MS = 10_000;
/** RATE_LIMITED answers one socket may get per window before it is disconnected (a client that backs off gets one or two). */
const REFUSALS_PER_WINDOW = 10;

/** How each notice job of this relay's worker ended: `outcome` (kind, threadId, outcome). For tests and metrics. */
export interface NoticeEvents extends EventEmitter<{ outcome: [kind: NotifyKind, threadId: string, outcome: NotifyOutcome] }> {}

export interface Relay {
  url: string;
  port: number;
  /** PUBLIC_URL, or `url`: the origin links in notices point at. */
  publicUrl: string;
  stores: Stores;
  log: Logger;
  /** The local mail catcher, when this relay runs one (`npm start` without SMTP_URL). */
  mailCatcher: MailCatcher | null;
  notices: NoticeEvents;
  /** Resolves once the stores' Redis connection is ready (at once when it is): start-up work that needs Redis waits here instead of failing. */
  redisReady(): Promise<void>;
  /** Erases patients and threads; other parts register their erasure steps here (`erasure.register`). */
  erasure: PatientErasure;
  /** The retention sweep: `events` says what each sweep erased. */
  retention: Pick<RetentionJob, 'events' | 'sweep'>;
  /** The sweep of unsent uploads: `events` says when this relay ran a period's pass. */
  unsentSweep: Pick<UnsentSweep, 'events'>;
  close(): Promise<void>;
}

export interface RelayOptions {
  /** Run the local mail catcher and send notices to it (unless SMTP_URL / SMS_WEBHOOK_URL are set). */
  mailCatcher?: boolean;
  /** The retention sweep's interval and clock (tests move the clock). */
  retention?: RetentionOptions;
  /** Webhook retry and timeout settings (tests shorten them). */
  webhooks?: Pick<WebhookQueueOptions, 'attempts' | 'backoffMs' | 'timeoutMs'>;
  /** The attachments' clock (signed URLs, upload age) and the unsent sweep's period (tests shorten it). */
  attachments?: { now?: () => number; sweepEveryMs?: number };
}

export async function startRelay(
  config: Readonly<RelayConfig>,
  /** REDIS_URL (or the local Redis's), or REDIS_CLUSTER_NODES: every client below connects to it. */
  redisTarget: RedisTarget,
  log: Logger = createLogger(config),
  options: RelayOptions = {},
): Promise<Relay> {
  const app = createHttpApp(config, log);
  const metrics = createRelayMetrics();
  // Every Redis client has an error listener from here: an outage (start-up included) is
  // one log line and its end another; commands fail with UNAVAILABLE meanwhile.
  const outage = createRedisOutage(log);
  const redis = connectTo(redisTarget, { connectionName: STORE_CONNECTION_NAME });
  outage.client(redis, 'store');
  // The per-sender budgets on a connection of their own: every event pays one script call
  // there, which would otherwise queue behind the stores' scripts.
  const limitsRedis = config.senderLimits === 'on' ? connectTo(redisTarget, { connectionName: LIMITS_CONNECTION_NAME }) : null;
  if (limitsRedis) {
    outage.client(limitsRedis, 'limits');
    app.addHook('onClose', async () => limitsRedis.disconnect());
  }
  instrumentRedis(redis, metrics);
  // The streams adapter leaves some of its commands' promises unhandled (SUBSCRIBE on its
  // duplicated client, ephemeral PUBLISH): with a retry limit they would reject during an
  // outage and stop the process. Without one they wait for Redis in the offline queue;
  // its own requests (fetchSockets) still end at the adapter's timeouts.
  const adapterRedis = config.adapter === 'redis-streams' ? connectTo(redisTarget, { maxRetriesPerRequest: null }) : null;
  if (adapterRedis) outage.client(adapterRedis, 'adapter');
  // onClose hooks run in reverse order of registration: Redis goes last, after the mail
  // catcher, the channels and the file storage, which go after the queues (their jobs send
  // and erase files).
  app.addHook('onClose', async () => {
    await Promise.all([redis.quit(), adapterRedis?.quit()]);
  });
  let catcher: MailCatcher | null = null;
  app.addHook('onClose', async () => catcher?.close());
  let channels: Channels = {};
  app.addHook('onClose', async () => closeChannels(channels));
  try {
    if (options.mailCatcher) catcher = await startMailCatcher({ redis });
  } catch (error) {
    await app.close();
    throw error;
  }
  channels = instrumentChannels(createChannels(config, catcher), metrics);
  let publicUrl = config.publicUrl;
  const notices: NoticeEvents = new EventEmitter();
  const stores = createStores(redis, config);
  const attachments = createAttachments({ redis, config, ...(options.attachments?.now ? { now: options.attachments.now } : {}) });
  app.addHook('onClose', async () => attachments.close());
  // The queues close together: each may wait out its running job's grace, and one after
  // another they could pass the shutdown limit (main.ts).
  const queues: { close(): Promise<void> }[] = [];
  let settleNotices = async () => undefined as void;
  app.addHook('onClose', async () => {
    await settleNotices();
    await Promise.all(queues.map((closing) => closing.close()));
  });
  const unsentSweep = scheduleUnsentSweep({
    pass: attachments.sweep,
    everyMs: options.attachments?.sweepEveryMs ?? config.attachments.sweepIntervalSeconds * 1000,
    redisTarget,
    outage,
    log,
  });
  queues.push(unsentSweep);
  let closing = false;
  const inFlight = createInFlight();
  const connections = createConnectionLimiter({ max: config.connectionsPerAddress, trustProxy: config.trustProxy });

  const io = new Server(app.server, {
    serveClient: false,
    maxHttpBufferSize: config.maxFrameBytes,
    // Any site may try; the visitor namespace checks the Origin against the clinic's
    // allowlist and the staff namespace accepts only the relay's own origin.
    cors: { origin: true, credentials: false },
    // A closing relay takes no new connection: one opened after the sockets were disconnected
    // (a browser reconnecting at once) would hold the HTTP server's close open.
    allowRequest: (request, callback) => (closing ? callback('closing', false) : connections.allowRequest(request, callback)),
  });
  connections.watch(io.engine);
  const requests = trackRequests(app.server);
  if (adapterRedis) io.adapter(createAdapter(adapterRedis));

  const visitorNs = io.of(NAMESPACES.visitor) as VisitorNamespace;
  const staffNs = io.of(NAMESPACES.staff) as StaffNamespace;
  const fanOut = instrumentFanOut(createFanOut(visitorNs, staffNs), metrics);
  metrics.countConnections('visitor', () => visitorNs.sockets.size);
  metrics.countConnections('staff', () => staffNs.sockets.size);
  const resumeLinks = createResumeLinks(redis);
  const resolver = createNoticeResolver({ stores, fanOut, visitors: visitorNs, resumeLinks, publicUrl: () => publicUrl! });
  const queue = createNotificationQueue({
    redisTarget,
    channels,
    log,
    outage,
    resolve: resolver.resolve,
    onFailed: resolver.onFailed,
    onOutcome(kind, threadId, outcome) {
      metrics.jobOutcome('notifications', outcome);
      if (outcome === 'sent') {
        resolver
          .onSent(threadId)
          .catch((error: unknown) =>
            log.error({ code: 'RELAY_ERR_NOTIFY_MARK', threadId, type: (error as Error)?.name }, 'clearing the notification-failed mark failed'),
          );
      }
      notices.emit('outcome', kind, threadId, outcome);
    },
  });
  const webhookQueue = createWebhookQueue({
    redisTarget,
    webhooks: stores.webhooks,
    log,
    outage,
    onOutcome: (outcome) => metrics.jobOutcome('webhooks', outcome),
    ...options.webhooks,
  });
  queues.push(queue, webhookQueue);
  for (const [name, counted] of [
    ['notifications', queue],
    ['webhooks', webhookQueue],
  ] as const) {
    metrics.countQueue({ name, counts: () => counted.jobCounts(...QUEUE_STATES) });
  }
  const scheduler = createNoticeScheduler({ queue, config, clinic: stores.clinics.get, log });
  const push = createStaffPush(stores, log, () => publicUrl!);
  settleNotices = async () => {
    await scheduler.settle();
    await push.settle();
  };
  const reportRecorder = createReportRecorder(redis, stores, log);
  const reportReader = createReportReader(redis, stores);
  const actions = createConversationActions(stores, fanOut, scheduler, { reports: reportRecorder, push });
  const resolution = createThreadResolution({ stores, actions, fanOut, announce: createAnnounce(webhookQueue, log), reports: reportRecorder });
  const reviews = createReviewConversations({
    stores,
    actions,
    notices: scheduler,
    webhooks: webhookQueue,
    resumeLinks,
    publicUrl: () => publicUrl!,
    log,
  });
  const services = {
    config,
    stores,
    fanOut,
    log,
    notices: scheduler,
    attachments,
    publicUrl: () => publicUrl!,
    actions,
    resolution,
    reviews,
    webhookQueue,
    reports: reportReader,
    integration: createIntegrationAdmin(stores),
    admin: createClinicAdmin(stores),
    handshakes: createHandshakeLimiter(redis, config.visitorHandshakesPerMinute),
    guard: {
      inFlight,
      isClosing: () => closing,
      log,
      maxInFlight: config.maxInFlight,
      observe: metrics.observeEvent,
      maxInFlightPerClinic: config.maxInFlightPerClinic,
      rateLimits: { messages: config.messagesPerSocket, events: config.eventsPerSocket, windowMs: RATE_WINDOW_MS, refusals: REFUSALS_PER_WINDOW },
      senders: limitsRedis
        ? createSenderLimiter(limitsRedis, {
            messages: config.messagesPerSender ?? config.messagesPerSocket,
            events: config.eventsPerSender ?? 2 * config.eventsPerSocket,
            windowMs: RATE_WINDOW_MS,
            refusals: REFUSALS_PER_WINDOW,
          })
        : UNLIMITED_SENDERS,
    },
  };
  attachVisitorNamespace(visitorNs, services);
  attachStaffNamespace(staffNs, services);
  const erasure = createPatientErasure({
    redis,
    stores,
    log,
    steps: storeErasureSteps({ redis, contacts: stores.contacts, visitors: visitorNs, notifications: queue, search: stores.search }),
  });
  // Files are kept outside Redis: their step removes them (and their records) thread by thread.
  erasure.register({
    name: 'files',
    async eraseThreads(_clinicId, threads) {
      for (const thread of threads) await attachments.eraseThread(thread.id);
    },
  });
  erasure.register(reportErasureStep(redis));
  const retention = createRetentionJob({ redisTarget, redis, stores, erasure, log, outage, ...(options.retention ? { options: options.retention } : {}) });
  queues.push(retention);
  await registerHttpRoutes(app, {
    config,
    redis,
    stores,
    staffNamespace: staffNs,
    catcher,
    resumeLinks,
    reviews,
    reports: reportReader,
    attachments,
    erasure,
    publicUrl: () => publicUrl!,
    metrics: metrics.registry,
    redisDown: () => outage.down,
  });

  app.addHook('preClose', async () => {
    closing = true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise((resolve) => {
      timer = setTimeout(resolve, DRAIN_TIMEOUT_MS);
    });
    await Promise.race([inFlight.drained(), late]);
    // Upgraded WebSocket connections would keep the HTTP server open forever; the
    // namespaces' adapters (with redis-streams: polling clients and heartbeats) likewise.
    io.disconnectSockets(true);
    io.engine.close();
    await Promise.all([io.of('/'), visitorNs, staffNs].map((nsp) => nsp.adapter.close()));
    // HTTP requests under way (long-polls were just answered) finish, within the same
    // limit; then Fastify closes every connection, idle or not (http/request-drain.ts).
    await Promise.race([requests.drained(), late]);
    clearTimeout(timer);
  });

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  publicUrl ??= url;

  // Not events.once: it rejects on the connection errors an outage emits meanwhile.
  const ready = (client: typeof redis) =>
    client.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => client.once('ready', () => resolve()));
  // The budgets' connection too: on a cluster, a command before it is ready is refused, not queued.
  const redisReady = async () => void (await Promise.all([ready(redis), limitsRedis && ready(limitsRedis)]));
  return { url, port, publicUrl, stores, log, mailCatcher: catcher, notices, redisReady, erasure, retention, unsentSweep, close: () => app.close() };
}
