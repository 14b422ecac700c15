/**
 * The verdict of a scenario, from what Redis holds (the truth, design.md) against what
 * the clients were told: every acked message stored once with the acked id, each
 * thread's messages in the order they were sent, and each reader's copy of its thread
 * equal to the stream.
 */
import { Redis } from 'ioredis';
import { keys } from '../relay/store/keys.ts';
import type { Patient } from './patient.ts';

export interface Verdict {
  acked: number;
  /** Acked but not in Redis, or in Redis under another id. */
  lost: number;
  /** Client ids stored more than once. */
  duplicated: number;
  /** Threads whose stored order differs from their send order. */
  outOfOrder: number;
  /** Readers whose copy of their thread differs from the stream. */
  readersBehind: number;
}

type Entry = [id: string, fields: string[]];

export async function verify(redisUrl: string, patients: readonly Patient[]): Promise<Verdict> {
  const redis = new Redis(redisUrl);
  const verdict: Verdict = { acked: 0, lost: 0, duplicated: 0, outOfOrder: 0, readersBehind: 0 };
  try {
    for (const patient of patients) {
      const entries = (await redis.xrange(keys.threadStream(patient.threadId), '-', '+')) as Entry[];
      const stored = entries.map(([id, fields]) => ({ id, clientId: (JSON.parse(fields[3] ?? '{}') as { clientId?: string }).clientId }));
      const byClient = new Map<string, string[]>();
      for (const { id, clientId } of stored) if (clientId) byClient.set(clientId, [...(byClient.get(clientId) ?? []), id]);
      verdict.acked += patient.acked.length;
      for (const { clientId, id } of patient.acked) {
        const ids = byClient.get(clientId) ?? [];
        if (!ids.includes(id)) verdict.lost += 1;
        if (ids.length > 1) verdict.duplicated += ids.length - 1;
      }
      // Others may write to the thread too (staff, a scenario's own writes): order is the sender's own messages'.
      const own = new Set<string>(patient.acked.map((a) => a.clientId));
      const sentOrder = patient.acked.map((a) => a.clientId).join();
      const storedOrder = [...new Set(stored.flatMap((s) => (s.clientId && own.has(s.clientId) ? [s.clientId] : [])))].join();
      if (sentOrder !== storedOrder) verdict.outOfOrder += 1;
      if (patient.read.map((m) => m.id).join() !== stored.map((s) => s.id).join()) verdict.readersBehind += 1;
    }
    return verdict;
  } finally {
    redis.disconnect();
  }
}
