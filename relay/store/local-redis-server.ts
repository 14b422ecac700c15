/**
 * Starts a private redis-server process: for `npm start` without REDIS_URL (data kept
 * under .data/redis) and for tests (a temporary directory, a free port).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { once } from 'node:events';

export interface LocalRedis {
  url: string;
  port: number;
  /** Null when an already running server was reused. */
  pid: number | null;
  stop(): Promise<void>;
}

export interface LocalRedisOptions {
  dir: string;
  port?: number;
  /** AOF fsync policy: see README, "Durability". */
  appendfsync?: 'everysec' | 'always' | 'no';
  /** Allow DEBUG from localhost (tests use DEBUG DIGEST to prove nothing changed). */
  allowDebug?: boolean;
  /** More redis-server arguments (e.g. a cluster node's, relay/testing/redis-cluster.ts). */
  extraArgs?: readonly string[];
}

const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

export async function startLocalRedis(options: LocalRedisOptions): Promise<LocalRedis> {
  mkdirSync(options.dir, { recursive: true });
  const port = options.port ?? (await freePort());
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      options.dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      options.appendfsync ?? 'everysec',
      '--save',
      '',
      '--protected-mode',
      'yes',
      ...(options.allowDebug ? ['--enable-debug-command', 'local'] : []),
      ...(options.extraArgs ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  try {
    await waitUntilReady(child, port);
  } catch (cause) {
    child.kill('SIGKILL');
    throw new Error(`redis-server did not start on port ${port}: ${output.trim()}`, { cause });
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    stop: () => stopProcess(child),
  };
}

/**
 * The local Redis on `options.port`: the one already answering there (another
 * `npm start` or CLI run on this machine), or a new one this process owns and stops.
 */
export async function useOrStartLocalRedis(options: LocalRedisOptions & { port: number }): Promise<LocalRedis> {
  if ((await ping(options.port)) === '+PONG') {
    return { url: `redis://127.0.0.1:${options.port}`, port: options.port, pid: null, stop: async () => {} };
  }
  return startLocalRedis(options);
}

async function waitUntilReady(child: ChildProcess, port: number): Promise<void> {
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`exited with ${code}`);
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  // redis-server prints "Ready to accept connections" once loaded; asking it directly
  // also covers loading a large AOF, when the port is open but answers LOADING.
  while (Date.now() < deadline) {
    const answer = await Promise.race([ping(port), exited]);
    if (answer === '+PONG') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('timed out');
}

function ping(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      resolve(data.toString().trim());
      socket.destroy();
    });
    socket.once('error', () => resolve(''));
    socket.once('timeout', () => {
      resolve('');
      socket.destroy();
    });
  });
}

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = STOP_TIMEOUT_MS): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
