/**
 * `npm run chaos` (issue 14 §4): real processes on loopback — relays, Redis, HAProxy —
 * killed under load. Each scenario prints one JSON line to stdout (lost and duplicated
 * messages first); the last line sums them. Progress goes to stderr. Exits non-zero when
 * anything was lost, duplicated or out of order, or a scenario failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Scenario, ScenarioResult } from './scenario.ts';
import { balancerFailover } from './scenarios/balancer-failover.ts';
import { flakyNetwork } from './scenarios/flaky-network.ts';
import { reconnectStorm } from './scenarios/reconnect-storm.ts';
import { redisKill } from './scenarios/redis-kill.ts';
import { relayKills } from './scenarios/relay-kills.ts';

/** The whole suite stops after this long, whatever is running. */
const SUITE_TIMEOUT_MS = 15 * 60 * 1000;

const SCENARIOS: Record<string, Scenario> = {
  'T1 relay SIGKILLed 5 times': relayKills,
  'T2 Redis (appendfsync always) SIGKILLed': redisKill,
  'T3 one of 3 relays behind HAProxy SIGKILLed': balancerFailover,
  'T4 latency and resets between ClinicChatClients and the relay': flakyNetwork,
  'T5 reconnect storm': reconnectStorm,
};

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const only = process.env.CHAOS_ONLY?.split(',');
  const results: ScenarioResult[] = [];
  let failed = 0;
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    if (only && !only.some((prefix) => name.startsWith(prefix))) continue;
    const dir = mkdtempSync(join(tmpdir(), 'clinic-chat-chaos-'));
    const start = performance.now();
    log(`${name}: starting`);
    try {
      const result = { scenario: name, seconds: 0, ...(await scenario({ dir, log })) };
      result.seconds = Math.round((performance.now() - start) / 100) / 10;
      results.push(result);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } catch (error) {
      failed += 1;
      const message = error instanceof Error ? error.message : String(error);
      process.stdout.write(`${JSON.stringify({ scenario: name, error: message.slice(0, 500) })}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const sum = (field: 'acked' | 'lost' | 'duplicated' | 'outOfOrder' | 'readersBehind') => results.reduce((total, r) => total + r[field], 0);
  const summary = {
    scenarios: results.length,
    failed,
    acked: sum('acked'),
    lost: sum('lost'),
    duplicated: sum('duplicated'),
    outOfOrder: sum('outOfOrder'),
    readersBehind: sum('readersBehind'),
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  const clean = failed === 0 && summary.lost === 0 && summary.duplicated === 0 && summary.outOfOrder === 0 && summary.readersBehind === 0;
  process.exit(clean ? 0 : 1);
}

setTimeout(() => {
  log(`chaos: stopped after ${SUITE_TIMEOUT_MS / 60_000} minutes`);
  process.exit(1);
}, SUITE_TIMEOUT_MS).unref();

main().catch((error: unknown) => {
  log(`chaos: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
