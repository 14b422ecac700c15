/**
 * The relay's configuration: one commented defaults object, overridden by
 * environment variables, validated once at start-up and frozen. A bad value stops
 * the relay with a ConfigError naming the variable and what it expects.
 */
import { ATTACHMENT_DEFAULTS, type AttachmentConfig } from './attachments/attachment-defaults.ts';
import { loadAttachmentConfig } from './attachments/attachment-config.ts';
import type { RedisClusterTarget } from './store/redis-client.ts';

export interface RelayConfig {
  port: number;
  host: string;
  redisUrl: string | null;
  redisCluster: RedisClusterTarget | null;
  localRedisPort: number;
  dataDir: string;
  appendfsync: 'everysec' | 'always' | 'no';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionTtlSeconds: number;
  threadMaxMessages: number;
  demoPassword: string | null;
  seedDemo: boolean;
  adapter: 'memory' | 'redis-streams';
  maxFrameBytes: number;
  trustProxy: boolean;
  loginAttempts: number;
  loginWindowSeconds: number;
  messagesPerSocket: number;
  eventsPerSocket: number;
  maxInFlight: number;
  visitorHandshakesPerMinute: number;
  messagesPerSender: number | null;
  eventsPerSender: number | null;
  /** 'off' when a gateway in front already limits each user: the per-socket limits stay. */
  senderLimits: 'on' | 'off';
  maxInFlightPerClinic: number;
  connectionsPerAddress: number;
  smtpUrl: string | null;
  mailFrom: string;
  smsWebhookUrl: string | null;
  smsWebhookSecret: string | null;
  notifyPatientAfterSeconds: number | null;
  notifyStaffAfterSeconds: number | null;
  notifyEscalateAfterSeconds: number | null;
  publicUrl: string | null;
  sourceMaps: 'public' | 'off';
  /** Uploads, their storage and signed downloads (issue 9): relay/attachments/attachment-config.ts. */
  attachments: AttachmentConfig;
  production: boolean;
  metricsToken: string | null;
}

export const DEFAULTS: Readonly<RelayConfig> = {
  port: 8080,
  host: '127.0.0.1',
  /** Unset: start a local redis-server with data under dataDir/redis. */
  redisUrl: null,
  /**
   * REDIS_CLUSTER_NODES: a Redis Cluster's seed masters, `host:port` or `redis[s]://[user:password@]host:port`,
   * comma-separated (instead of REDIS_URL); every client of the relay is then a Cluster.
   */
  redisCluster: null,
  /** Port of that local redis-server (loopback only), so the CLI finds it too. */
  localRedisPort: 6390,
  /** Where a local Redis keeps its append-only file. */
  dataDir: '.data',
  /** For a local Redis: 'everysec' may lose the last second on power loss; 'always' loses no acked message. */
  appendfsync: 'everysec',
  logLevel: 'info',
  /** Staff sessions last this long (seconds): 12 hours, a working day. */
  sessionTtlSeconds: 12 * 60 * 60,
  /** Keep at most this many messages per thread; 0 keeps everything. */
  threadMaxMessages: 0,
  /** Demo staff password; unset: a random one, printed at start. */
  demoPassword: null,
  /** Seed the demo clinic at start. */
  seedDemo: true,
  /** 'memory' for one relay; 'redis-streams' to fan out across several relay instances. */
  adapter: 'memory',
  /** Largest Socket.IO frame accepted (bytes): a message is at most a few KB. */
  maxFrameBytes: 64 * 1024,
  /** Behind a reverse proxy: trust X-Forwarded-* for client address and scheme. */
  trustProxy: false,
  /**
   * Sign-in attempts per (account, address) within loginWindowSeconds before 429 (a
   * success starts the count again); per address, ten times that. Never per account alone,
   * so a stranger cannot lock a member out.
   */
  loginAttempts: 10,
  loginWindowSeconds: 15 * 60,
  /** Messages one socket may send per 10 s before RATE_LIMITED: a fast typist sends a few. */
  messagesPerSocket: 30,
  /** Events of any kind one socket may send per 10 s (typing, reads, history pages). */
  eventsPerSocket: 300,
  /** Socket events handled at once before new ones get a retryable UNAVAILABLE. */
  maxInFlight: 2_000,
  /**
   * Visitor handshakes one address may make per minute, across all relays: a patient
   * connects once per page view, a new one stores a visitor. Generous for a clinic's
   * shared Wi-Fi, small enough that one address cannot fill Redis.
   */
  visitorHandshakesPerMinute: 120,
  /**
   * Messages one visitor token or staff member may send per 10 s over all their sockets
   * and relays (counted in Redis); unset: what one socket may send, so more tabs never buy
   * a bigger budget.
   */
  messagesPerSender: null,
  /** Events of any kind per sender per 10 s, over all their sockets; unset: twice one socket's (a few tabs typing and reading). */
  eventsPerSender: null,
  senderLimits: 'on',
  /** Socket events of one clinic handled at once before that clinic's new ones get UNAVAILABLE: below MAX_IN_FLIGHT, so other clinics go on. */
  maxInFlightPerClinic: 1_500,
  /** Connections one address may hold open to one relay; past it new handshakes get HTTP 403. A clinic's shared Wi-Fi fits. */
  connectionsPerAddress: 500,
  /** smtp:// or smtps:// URL of the mail server; unset: `npm start` runs a local mail catcher. */
  smtpUrl: null,
  /** Sender of notices; required with SMTP_URL, since real servers refuse a made-up one. */
  mailFrom: 'Clinic chat <notify@clinic-chat.localhost>',
  /** SMS gateway receiving a signed JSON POST `{ to, text }`; unset: no SMS (or the catcher's). */
  smsWebhookUrl: null,
  /** HMAC-SHA256 key of that POST's signature; required with SMS_WEBHOOK_URL. */
  smsWebhookSecret: null,
  /** Unset: each clinic's own delay (10 min, 5 min, 30 min by default); set: one delay for every clinic. */
  notifyPatientAfterSeconds: null,
  notifyStaffAfterSeconds: null,
  notifyEscalateAfterSeconds: null,
  /** The relay's public origin, for links in notices and the hosted conversation page; unset: the URL it listens on. */
  publicUrl: null,
  /** 'public' serves the browser bundles' source maps (`*.map`), for debugging; off, they are 404. */
  sourceMaps: 'off',
  attachments: ATTACHMENT_DEFAULTS,
  /**
   * NODE_ENV=production: prebuilt bundles, no local Redis (REDIS_URL required), no mail
   * catcher, and no demo clinic or demo site unless SEED_DEMO=true.
   */
  production: false,
  /** Unset: `GET /metrics` is open (keep the port private); set: it needs `Authorization: Bearer <token>`. */
  metricsToken: null,
};

/** A bearer token shorter than this is guessable. */
const MIN_METRICS_TOKEN_LENGTH = 16;

export class ConfigError extends Error {
  readonly code = 'RELAY_ERR_CONFIG';
  constructor(variable: string, expected: string, got: string) {
    super(`${variable}: expected ${expected}, got ${JSON.stringify(got)}`);
  }
}

export type Env = Record<string, string | undefined>;

export function integer(env: Env, name: string, min: number, max: number, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `an integer from ${min} to ${max}`, raw);
  }
  return value;
}

export function oneOf<T extends string>(env: Env, name: string, options: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(options as readonly string[]).includes(raw)) throw new ConfigError(name, `one of ${options.join(', ')}`, raw);
  return raw as T;
}

export function boolean(env: Env, name: string, fallback: boolean): boolean {
  return oneOf(env, name, ['true', 'false', '1', '0'] as const, fallback ? 'true' : 'false').match(/^(true|1)$/) !== null;
}

function redisUrl(env: Env): string | null {
  const raw = env.REDIS_URL;
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('REDIS_URL', 'a URL such as redis://127.0.0.1:6379/0', raw);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new ConfigError('REDIS_URL', 'a redis:// or rediss:// URL', raw);
  return raw;
}

/** REDIS_CLUSTER_NODES: seeds sharing one scheme and one set of credentials, which apply to every node. */
function redisCluster(env: Env): RedisClusterTarget | null {
  const raw = env.REDIS_CLUSTER_NODES;
  if (raw === undefined || raw === '') return null;
  const expected = 'host:port or redis[s]://[user:password@]host:port entries, comma-separated, with one scheme and one password';
  if (env.REDIS_URL) throw new ConfigError('REDIS_CLUSTER_NODES', 'either it or REDIS_URL, not both', '(hidden)');
  const seeds = raw.split(',').map((entry) => {
    const text = entry.trim();
    let url: URL | null = null;
    try {
      url = new URL(/^rediss?:\/\//.test(text) ? text : `redis://${text}`);
    } catch {
      // reported below
    }
    if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || !url.hostname || !url.port || (url.pathname !== '' && url.pathname !== '/')) {
      throw new ConfigError('REDIS_CLUSTER_NODES', expected, '(hidden)');
    }
    return url;
  });
  const first = seeds[0]!;
  if (seeds.some((url) => url.protocol !== first.protocol || url.username !== first.username || url.password !== first.password)) {
    throw new ConfigError('REDIS_CLUSTER_NODES', expected, '(hidden)');
  }
  return {
    nodes: seeds.map((url) => `${url.hostname}:${url.port}`),
    ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
    ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
    tls: first.protocol === 'rediss:',
  };
}

/** An optional URL with one of the given schemes. Its text never reaches the error: it may hold a password. */
export function secretUrl(env: Env, name: string, protocols: readonly string[], example: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    // reported below
  }
  if (!url || !protocols.includes(url.protocol)) throw new ConfigError(name, `a URL such as ${example}`, '(hidden)');
  return raw;
}

/** An http(s) origin (a path is allowed for a relay behind a prefix), without a trailing slash. */
function publicUrl(env: Env): string | null {
  const raw = env.PUBLIC_URL;
  if (raw === undefined || raw === '') return null;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username) {
    throw new ConfigError('PUBLIC_URL', 'an http(s) URL such as https://chat.example.org', raw);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function optionalInteger(env: Env, name: string, min: number, max: number): number | null {
  return env[name] === undefined || env[name] === '' ? null : integer(env, name, min, max, 0);
}

const MAX_NOTIFY_DELAY_SECONDS = 7 * 24 * 3600;
/** `Name <address>` or a bare address. */
const MAIL_FROM_RE = /^([^<>]*<[^@\s<>]+@[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+)$/;

function notifyDelivery(env: Env): Pick<RelayConfig, 'smtpUrl' | 'mailFrom' | 'smsWebhookUrl' | 'smsWebhookSecret'> {
  const smtpUrl = secretUrl(env, 'SMTP_URL', ['smtp:', 'smtps:'], 'smtps://user:password@mail.example.org:465');
  const from = env.MAIL_FROM;
  if (smtpUrl && (from === undefined || from === '')) throw new ConfigError('MAIL_FROM', 'a sender address when SMTP_URL is set', '');
  if (from && !MAIL_FROM_RE.test(from)) throw new ConfigError('MAIL_FROM', 'an address such as "Clinic <notify@example.org>"', from);
  const smsWebhookUrl = secretUrl(env, 'SMS_WEBHOOK_URL', ['http:', 'https:'], 'https://sms.example.org/send');
  const secret = env.SMS_WEBHOOK_SECRET || null;
  if (smsWebhookUrl && (!secret || secret.length < 16)) {
    throw new ConfigError('SMS_WEBHOOK_SECRET', 'at least 16 characters when SMS_WEBHOOK_URL is set', '(hidden)');
  }
  return { smtpUrl, mailFrom: from || DEFAULTS.mailFrom, smsWebhookUrl, smsWebhookSecret: smsWebhookUrl ? secret : null };
}

function metricsToken(env: Env): string | null {
  const raw = env.METRICS_TOKEN;
  if (raw === undefined || raw === '') return null;
  if (raw.length < MIN_METRICS_TOKEN_LENGTH || /\s/.test(raw)) {
    throw new ConfigError('METRICS_TOKEN', `at least ${MIN_METRICS_TOKEN_LENGTH} characters without spaces`, '(hidden)');
  }
  return raw;
}

export function loadConfig(env: Env = process.env): Readonly<RelayConfig> {
  const production = env.NODE_ENV === 'production';
  if (production && !env.REDIS_URL && !env.REDIS_CLUSTER_NODES) {
    throw new ConfigError('REDIS_URL', 'a redis:// or rediss:// URL, or REDIS_CLUSTER_NODES (with NODE_ENV=production no local Redis is started)', '');
  }
  const password = env.DEMO_PASSWORD;
  if (password !== undefined && password !== '' && password.length < 10) {
    throw new ConfigError('DEMO_PASSWORD', 'at least 10 characters', '(hidden)');
  }
  // A production log is kept and shipped: it never gets a generated password.
  if (production && boolean(env, 'SEED_DEMO', false) && !password) {
    throw new ConfigError('DEMO_PASSWORD', 'a password of at least 10 characters when SEED_DEMO=true with NODE_ENV=production', '');
  }
  const config: RelayConfig = {
    port: integer(env, 'PORT', 0, 65535, DEFAULTS.port),
    host: env.HOST || DEFAULTS.host,
    redisUrl: redisUrl(env),
    redisCluster: redisCluster(env),
    localRedisPort: integer(env, 'LOCAL_REDIS_PORT', 1, 65535, DEFAULTS.localRedisPort),
    dataDir: env.DATA_DIR || DEFAULTS.dataDir,
    appendfsync: oneOf(env, 'REDIS_APPENDFSYNC', ['everysec', 'always', 'no'] as const, DEFAULTS.appendfsync),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, DEFAULTS.logLevel),
    sessionTtlSeconds: integer(env, 'SESSION_TTL_SECONDS', 1, 30 * 24 * 3600, DEFAULTS.sessionTtlSeconds),
    threadMaxMessages: integer(env, 'THREAD_MAX_MESSAGES', 0, 10_000_000, DEFAULTS.threadMaxMessages),
    demoPassword: password || DEFAULTS.demoPassword,
    seedDemo: boolean(env, 'SEED_DEMO', DEFAULTS.seedDemo && !production),
    adapter: oneOf(env, 'RELAY_ADAPTER', ['memory', 'redis-streams'] as const, DEFAULTS.adapter),
    maxFrameBytes: integer(env, 'MAX_FRAME_BYTES', 4096, 16 * 1024 * 1024, DEFAULTS.maxFrameBytes),
    trustProxy: boolean(env, 'TRUST_PROXY', DEFAULTS.trustProxy),
    loginAttempts: integer(env, 'LOGIN_ATTEMPTS', 1, 10_000, DEFAULTS.loginAttempts),
    loginWindowSeconds: integer(env, 'LOGIN_WINDOW_SECONDS', 1, 24 * 3600, DEFAULTS.loginWindowSeconds),
    messagesPerSocket: integer(env, 'SOCKET_MESSAGES_PER_10S', 1, 1_000_000, DEFAULTS.messagesPerSocket),
    eventsPerSocket: integer(env, 'SOCKET_EVENTS_PER_10S', 1, 1_000_000, DEFAULTS.eventsPerSocket),
    maxInFlight: integer(env, 'MAX_IN_FLIGHT', 1, 1_000_000, DEFAULTS.maxInFlight),
    visitorHandshakesPerMinute: integer(env, 'VISITOR_HANDSHAKES_PER_MIN', 1, 1_000_000, DEFAULTS.visitorHandshakesPerMinute),
    messagesPerSender: optionalInteger(env, 'SENDER_MESSAGES_PER_10S', 1, 1_000_000),
    eventsPerSender: optionalInteger(env, 'SENDER_EVENTS_PER_10S', 1, 2_000_000),
    senderLimits: oneOf(env, 'SENDER_LIMITS', ['on', 'off'] as const, DEFAULTS.senderLimits),
    maxInFlightPerClinic: integer(env, 'MAX_IN_FLIGHT_PER_CLINIC', 1, 1_000_000, DEFAULTS.maxInFlightPerClinic),
    connectionsPerAddress: integer(env, 'CONNECTIONS_PER_ADDRESS', 1, 1_000_000, DEFAULTS.connectionsPerAddress),
    ...notifyDelivery(env),
    notifyPatientAfterSeconds: optionalInteger(env, 'NOTIFY_PATIENT_AFTER_SECONDS', 1, MAX_NOTIFY_DELAY_SECONDS),
    notifyStaffAfterSeconds: optionalInteger(env, 'NOTIFY_STAFF_AFTER_SECONDS', 1, MAX_NOTIFY_DELAY_SECONDS),
    notifyEscalateAfterSeconds: optionalInteger(env, 'NOTIFY_ESCALATE_AFTER_SECONDS', 1, MAX_NOTIFY_DELAY_SECONDS),
    publicUrl: publicUrl(env),
    sourceMaps: oneOf(env, 'SOURCE_MAPS', ['public', 'off'] as const, DEFAULTS.sourceMaps),
    attachments: loadAttachmentConfig(env),
    production,
    metricsToken: metricsToken(env),
  };
  return Object.freeze(config);
}
