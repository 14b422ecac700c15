/**
 * Debian's HAProxy as a child process, for tests and the chaos suite: started with a
 * configuration file (and environment for its "${VAR}" expansions), ready once it
 * answers `GET /readyz` through to a relay. Loopback only.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';

const READY_TIMEOUT_MS = 15_000;
const POLL_MS = 100;

export interface Haproxy {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startHaproxy(options: { configFile: string; url: string; env?: Record<string, string> }): Promise<Haproxy> {
  const child = spawn('haproxy', ['-f', options.configFile, '-db'], { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (
    !(await fetch(`${options.url}/readyz`).then(
      (response) => response.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`haproxy did not come up:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return { url: options.url, pid: child.pid!, stop };
}
