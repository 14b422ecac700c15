/**
 * The relay as a separate process (`relay/main.ts`), for tests that kill it or check
 * how it exits. The caller's test context kills it in `after`, so a failed assertion
 * never leaves a relay running (which would keep the test process alive until its cap).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { TEST_PASSWORD } from './harness.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 30_000;

export interface RelayProcess {
  url: string;
  pid: number;
  /** Resolves with the exit code (null when killed by a signal) and the time it took after `signal()`. */
  signal(name: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

/** The part of node:test's TestContext (or a suite) that registers cleanup. */
interface Cleanup {
  after(fn: () => unknown): void;
}

export async function spawnRelay(t: Cleanup, options: { redisUrl: string; port: number; env?: Record<string, string> }): Promise<RelayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'relay/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      REDIS_URL: options.redisUrl,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      DEMO_PASSWORD: TEST_PASSWORD,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const up = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start:\n${output}`)), START_TIMEOUT_MS);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('clinic-chat relay is up at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then(([code]) => {
      clearTimeout(timer);
      reject(new Error(`relay exited with ${code}:\n${output}`));
    });
  });
  await up;
  return {
    url: `http://127.0.0.1:${options.port}`,
    pid: child.pid!,
    async signal(name) {
      const start = Date.now();
      child.kill(name);
      const [code] = await exited;
      return { code, ms: Date.now() - start };
    },
  };
}
