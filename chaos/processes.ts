/**
 * The real processes a chaos scenario kills and restarts: relays (`relay/main.ts` on a
 * fixed port, so clients reconnect to the same address), Redis (same port and data
 * directory, so the restart reloads its AOF) and HAProxy. Every child is SIGKILLed when
 * this process exits, whatever happened.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startLocalRedis, type LocalRedis, type LocalRedisOptions } from '../relay/store/local-redis-server.ts';
import { startHaproxy, type Haproxy } from '../relay/testing/haproxy.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const READY_TEXT = 'clinic-chat relay is up at';
/** Per-socket and per-address limits high enough never to refuse: every client here is 127.0.0.1 (T5 opens 5,000 sockets). */
const UNLIMITED = '1000000';
export const CHAOS_PASSWORD = 'chaos-demo-password';

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function kill(child: ChildProcess | null, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

export interface ChaosRelay {
  url: string;
  port: number;
  start(): Promise<void>;
  /** SIGKILL: no graceful close, sockets drop, work in flight is cut short. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export function relayOn(port: number, env: Record<string, string>): ChaosRelay {
  let child: ChildProcess | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async start() {
      child = track(
        spawn(process.execPath, ['--import', 'tsx', 'relay/main.ts'], {
          cwd: root,
          env: {
            ...process.env,
            PORT: String(port),
            HOST: '127.0.0.1',
            DEMO_PASSWORD: CHAOS_PASSWORD,
            LOG_LEVEL: 'error',
            SOCKET_MESSAGES_PER_10S: UNLIMITED,
            SOCKET_EVENTS_PER_10S: UNLIMITED,
            VISITOR_HANDSHAKES_PER_MIN: UNLIMITED,
            CONNECTIONS_PER_ADDRESS: UNLIMITED,
            ...env,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      );
      const started = child;
      let output = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`relay on ${port} did not start:\n${output.slice(-2000)}`)), START_TIMEOUT_MS);
        const read = (chunk: Buffer) => {
          output = (output + chunk.toString()).slice(-8000);
          if (output.includes(READY_TEXT)) {
            clearTimeout(timer);
            resolve();
          }
        };
        started.stdout!.on('data', read);
        started.stderr!.on('data', read);
        started.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`relay on ${port} exited with ${code}:\n${output.slice(-2000)}`));
        });
      });
      // Keep draining its output so a chatty relay never blocks on a full pipe.
      started.stdout!.removeAllListeners('data').resume();
      started.stderr!.removeAllListeners('data').resume();
    },
    kill: () => kill(child, 'SIGKILL'),
    stop: () => kill(child, 'SIGTERM'),
  };
}

export interface ChaosRedis {
  url: string;
  start(): Promise<void>;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Redis on a fixed port and directory: a restart after SIGKILL reloads what its AOF holds. */
export function redisOn(options: LocalRedisOptions & { port: number }): ChaosRedis {
  let server: LocalRedis | null = null;
  return {
    url: `redis://127.0.0.1:${options.port}`,
    async start() {
      server = await startLocalRedis(options);
    },
    async kill() {
      if (server?.pid) {
        process.kill(server.pid, 'SIGKILL');
        await server.stop();
      }
    },
    async stop() {
      await server?.stop();
    },
  };
}

export interface ChaosStack {
  redis: ChaosRedis;
  relay: ChaosRelay;
}

/**
 * One Redis (data under `dir`) and one relay on it, both on free ports — the set-up of
 * most scenarios — started for `run` and stopped whatever it does.
 */
export async function withStack<T>(dir: string, redisOptions: Pick<LocalRedisOptions, 'appendfsync'>, run: (stack: ChaosStack) => Promise<T>): Promise<T> {
  const redis = redisOn({ ...redisOptions, dir: join(dir, 'redis'), port: await freePort() });
  await redis.start();
  const relay = relayOn(await freePort(), { REDIS_URL: redis.url });
  try {
    await relay.start();
    return await run({ redis, relay });
  } finally {
    await relay.stop();
    await redis.stop();
  }
}

/**
 * Debian's HAProxy in front of `backends`, round robin and not sticky: WebSocket needs no
 * stickiness (one TCP connection), and a dead backend is taken out by its health check.
 */
export async function startBalancer(dir: string, port: number, backends: readonly number[]): Promise<Haproxy> {
  const configFile = join(dir, 'haproxy.cfg');
  writeFileSync(
    configFile,
    [
      'global',
      '  maxconn 8000',
      'defaults',
      '  mode http',
      // A connection refused by a dead relay goes to another one instead of failing.
      '  retries 3',
      '  option redispatch',
      '  timeout connect 2s',
      '  timeout client 60s',
      '  timeout server 60s',
      '  timeout tunnel 1h',
      `frontend chat`,
      `  bind 127.0.0.1:${port}`,
      '  default_backend relays',
      'backend relays',
      '  balance roundrobin',
      '  option httpchk GET /readyz',
      ...backends.map((backend, i) => `  server relay${i} 127.0.0.1:${backend} check inter 500 fall 2 rise 2`),
      '',
    ].join('\n'),
  );
  const haproxy = await startHaproxy({ configFile, url: `http://127.0.0.1:${port}` });
  const killOnExit = () => process.kill(haproxy.pid, 'SIGKILL');
  process.once('exit', killOnExit);
  return {
    ...haproxy,
    async stop() {
      await haproxy.stop();
      process.off('exit', killOnExit);
    },
  };
}
