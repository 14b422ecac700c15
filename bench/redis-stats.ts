/**
 * Redis commands per delivered message, from INFO commandstats before and after a
 * phase (commands run inside Lua scripts count too): how much work each relay asks of
 * Redis, whatever else the machine is doing.
 */
import { Redis } from 'ioredis';

export type CommandCounts = Record<string, number>;

export function parseCommandStats(info: string): CommandCounts {
  const counts: CommandCounts = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) counts[match[1]!] = Number(match[2]);
  return counts;
}

export function createRedisStats(url: string) {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  return {
    async counts(): Promise<CommandCounts> {
      return parseCommandStats(await client.info('commandstats'));
    },
    /** Calls per delivered message of each command that ran between the two readings. */
    perMessage(before: CommandCounts, after: CommandCounts, delivered: number): CommandCounts {
      const result: CommandCounts = {};
      if (delivered === 0) return result;
      for (const [command, calls] of Object.entries(after)) {
        if (command === 'info') continue;
        const perMessage = Math.round(((calls - (before[command] ?? 0)) / delivered) * 100) / 100;
        if (perMessage > 0) result[command] = perMessage;
      }
      return result;
    },
    async close(): Promise<void> {
      await client.quit();
    },
  };
}

export type RedisStats = ReturnType<typeof createRedisStats>;
