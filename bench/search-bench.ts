/**
 * `node --import tsx bench/search-bench.ts` (issue 12 §2): conversation search over
 * 100,000 messages in one clinic answers within 50 ms. Fills a private redis-server with
 * threads and messages through the stores (the same append and index steps the relay
 * takes), then times `search` for words taken from the middle of stored messages, as the
 * owner (every thread) and as a doctor (their own threads, the rest filtered out).
 * Progress goes to stderr; the last stdout line is one JSON object; exit code 1 when the
 * median is over budget.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ClientMessageId, ClinicId, StaffId, VisitorId } from '../protocol/ids.ts';
import type { StaffRef } from '../protocol/model.ts';
import { startLocalRedis } from '../relay/store/local-redis-server.ts';
import { connectRedis } from '../relay/store/redis-client.ts';
import { createStores } from '../relay/store/stores.ts';
import type { Viewer } from '../relay/access/visibility.ts';
import { mapLimited } from './limited-concurrency.ts';

const MESSAGES = Number(process.env.BENCH_SEARCH_MESSAGES ?? 100_000);
const MESSAGES_PER_THREAD = 20;
const QUERIES = 200;
const BUDGET_MS = 50;
const CONCURRENCY = 64;

/** A small deterministic generator, so two runs search the same corpus. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const next = random(12);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

// Russian-looking word forms: stems × endings, drawn with a Zipf-like skew as real text is.
const STEMS = Array.from(
  { length: 400 },
  (_, i) =>
    `${pick(['бол', 'зуб', 'щек', 'врач', 'прием', 'запис', 'анализ', 'кров', 'снимк', 'лечен', 'пломб', 'десн'])}${'бвгдзклмнпрст'[i % 13]}${'аеиоуы'[Math.floor(i / 13) % 6]}${i}`,
);
const ENDINGS = ['', 'а', 'у', 'ом', 'е', 'ы', 'ами', 'ах', 'ой', 'ей'];
const COMMON = ['и', 'в', 'не', 'на', 'что', 'это', 'после', 'можно', 'нужно', 'очень', 'сегодня', 'завтра'];
const word = () => (next() < 0.4 ? pick(COMMON) : `${STEMS[Math.floor(STEMS.length * next() ** 2)]}${pick(ENDINGS)}`);
const sentence = () => Array.from({ length: 6 + Math.floor(next() * 15) }, word).join(' ');

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const log = (line: string) => process.stderr.write(`${line}\n`);

const dir = mkdtempSync(join(tmpdir(), 'clinic-chat-search-bench-'));
const server = await startLocalRedis({ dir, appendfsync: 'no' });
const redis = connectRedis(server.url);
try {
  const stores = createStores(redis, { sessionTtlSeconds: 3600, threadMaxMessages: 0 });
  const clinicId = 'benchclinic0000000000a' as ClinicId;
  const doctors: StaffRef[] = Array.from({ length: 10 }, (_, i) => ({
    id: `benchdoctor${String(i).padStart(11, '0')}` as StaffId,
    name: `Doctor ${i}`,
    role: 'doctor',
  }));
  const threadCount = Math.ceil(MESSAGES / MESSAGES_PER_THREAD);
  log(`filling ${MESSAGES} messages in ${threadCount} threads…`);
  const started = performance.now();
  const threads = await mapLimited(
    Array.from({ length: threadCount }, (_, i) => i),
    CONCURRENCY,
    async (i) => {
      const doctor = i % 2 === 0 ? doctors[i % doctors.length]! : null;
      const visitorId = `benchvisitor${String(i).padStart(10, '0')}` as VisitorId;
      return stores.threads.create({ clinicId, visitorId, displayName: `Пациент #${i}`, kind: doctor ? 'doctor' : 'general', doctor });
    },
  );
  const texts: { threadIndex: number; text: string }[] = [];
  await mapLimited(
    Array.from({ length: MESSAGES }, (_, i) => i),
    CONCURRENCY,
    async (i) => {
      const threadIndex = i % threadCount;
      const thread = threads[threadIndex]!;
      const text = sentence();
      if (i % 500 === 0) texts.push({ threadIndex, text });
      const result = await stores.threads.append(thread.id, { kind: 'patient' }, { type: 'text', clientId: `bench${i}` as ClientMessageId, text });
      await stores.posts.index(result.meta, result.id, result.at, text);
    },
    (done) => done % 20_000 === 0 && log(`  ${done}`),
  );
  const fillSeconds = (performance.now() - started) / 1000;
  log(`filled in ${fillSeconds.toFixed(1)} s; searching…`);

  const owner: Viewer = { id: 'benchowner0000000000aa' as StaffId, role: 'owner', clinicId };
  const doctor: Viewer = { id: doctors[0]!.id, role: 'doctor', clinicId };
  const figures: Record<string, { p50: number; p95: number; max: number }> = {};
  for (const [name, viewer] of [
    ['owner', owner],
    ['doctor', doctor],
  ] as const) {
    const times: number[] = [];
    for (let q = 0; q < QUERIES; q += 1) {
      const { text } = pick(texts);
      const words = text.split(' ');
      // A word from the middle of a stored message, sometimes with its neighbour.
      const at = 1 + Math.floor(next() * (words.length - 2));
      const query = q % 3 === 0 ? `${words[at]} ${words[at + 1]}` : words[at]!;
      const t0 = performance.now();
      await stores.search.search(viewer, query, 20);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    figures[name] = { p50: quantile(times, 0.5), p95: quantile(times, 0.95), max: times.at(-1)! };
    log(`${name}: median ${figures[name].p50.toFixed(1)} ms, p95 ${figures[name].p95.toFixed(1)} ms, max ${figures[name].max.toFixed(1)} ms`);
  }
  const within = Object.values(figures).every((figure) => figure.p50 <= BUDGET_MS);
  console.log(
    JSON.stringify({ messages: MESSAGES, threads: threadCount, fillSeconds: Number(fillSeconds.toFixed(1)), budgetMs: BUDGET_MS, within, ...figures }),
  );
  process.exitCode = within ? 0 : 1;
} finally {
  redis.disconnect();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
