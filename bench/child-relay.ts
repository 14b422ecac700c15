/**
 * A relay under test as a child process, so its memory is its own: started with
 * `node --import tsx <entry>`, ready when it prints its "up" line, stopped with
 * SIGTERM (SIGKILL if it lingers). Every child is also killed when the benchmark
 * process exits, whatever the reason.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stopProcess } from '../relay/store/local-redis-server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
/** Output kept from a child, shown when it fails to start. */
const OUTPUT_TAIL_CHARS = 4_000;

export interface ChildRelay {
  pid: number;
  /** Resident memory of the child right now, in KiB (from /proc). */
  rssKB(): number;
  /** CPU time (user + system) the child has used so far, in seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Kills every child relay still running and waits for them, so none is left unreaped. */
export async function killChildRelays(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }),
  );
}

/** VmRSS of a process in KiB. */
export function rssKB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

/** Linux reports process CPU times in clock ticks of 1/100 s. */
const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU seconds of a process (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after it do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

export async function startChildRelay(label: string, entry: string, env: Record<string, string>, readyText: string): Promise<ChildRelay> {
  // For profiling a relay: e.g. BENCH_RELAY_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = (process.env.BENCH_RELAY_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stderr!.on('data', (chunk: Buffer) => {
    keep(chunk);
    process.stderr.write(`[${label}] ${chunk.toString()}`);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out')), READY_TIMEOUT_MS);
      child.stdout!.on('data', (chunk: Buffer) => {
        keep(chunk);
        if (tail.includes(readyText)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`exited with ${code ?? signal}`));
      });
    });
  } catch (cause) {
    child.kill('SIGKILL');
    throw new Error(`${label} did not start: ${tail.trim()}`, { cause });
  }

  return {
    pid: child.pid!,
    rssKB: () => rssKB(child.pid!),
    cpuSeconds: () => cpuSeconds(child.pid!),
    stop: () => stopProcess(child, STOP_TIMEOUT_MS),
  };
}
