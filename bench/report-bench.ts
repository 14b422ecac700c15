/**
 * The head's report at scale (issue 13 §4): a clinic with 100,000 threads over 30 days
 * and 12 staff, recorded in the layout relay/reports/report-recorder.ts writes, then the
 * 30-day report read the way the console and `GET /api/v1/reports` read it. Prints one
 * JSON line: { threads, days, staff, reportMs (best of runs), runs }. The goal is under
 * 1 s; this is a benchmark, not a timed test.
 *
 *   node --import tsx bench/report-bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClinicId } from '../protocol/ids.ts';
import { dayOf, reportKeys } from '../relay/reports/report-keys.ts';
import { createReportReader } from '../relay/reports/report-reader.ts';
import { startLocalRedis } from '../relay/store/local-redis-server.ts';
import { connectRedis } from '../relay/store/redis-client.ts';
import { createStores } from '../relay/store/stores.ts';

const THREADS = Number(process.env.BENCH_REPORT_THREADS ?? 100_000);
const DAYS = 30;
const STAFF = 12;
const RUNS = 5;
const BATCH = 2_000;
const DAY_MS = 24 * 3600 * 1000;

const dir = mkdtempSync(join(tmpdir(), 'clinic-chat-report-bench-'));
const server = await startLocalRedis({ dir, appendfsync: 'no' });
const redis = connectRedis(server.url);
try {
  const stores = createStores(redis, { sessionTtlSeconds: 3600, threadMaxMessages: 0 });
  const clinic = await stores.clinics.create({
    siteKey: 'bench-reports',
    name: 'Bench',
    greeting: '',
    locale: 'ru',
    origins: [],
    bookingUrl: null,
    officeHours: null,
  });
  const staff = [];
  for (let i = 0; i < STAFF; i += 1) {
    staff.push(
      await stores.staff.create({
        clinicId: clinic.id,
        email: `s${i}@bench.clinic`,
        name: `Staff ${i}`,
        role: i === 0 ? 'owner' : 'admin',
        password: 'bench-password-1',
      }),
    );
  }
  const start = Date.now() - (DAYS - 1) * DAY_MS;
  const clinicId = clinic.id as ClinicId;
  console.error(`recording ${THREADS} threads over ${DAYS} days…`);
  for (let from = 0; from < THREADS; from += BATCH) {
    const pipeline = redis.pipeline();
    for (let i = from; i < Math.min(THREADS, from + BATCH); i += 1) {
      const day = dayOf(start + (i % DAYS) * DAY_MS);
      const who = staff[i % STAFF]!.id;
      const thread = `bench-thread-${i}`;
      const hash = reportKeys.day(clinicId, day);
      pipeline.hincrby(hash, 'conversations', 1).hincrby(hash, 'answered', 1).hincrby(hash, `s:${who}:answered`, 1);
      pipeline
        .hincrby(hash, 'firstReplies', 1)
        .hincrby(hash, 'hoursKnown', 1)
        .hincrby(hash, 'inHours', i % 3 ? 1 : 0);
      pipeline.zadd(reportKeys.firstResponse(clinicId, day, who), 30_000 + (i % 997) * 1000, thread);
      if (i % 2 === 0) {
        pipeline.zadd(reportKeys.resolution(clinicId, day, who), 3_600_000 + (i % 101) * 60_000, thread);
      }
      if (i % 10 === 0) pipeline.hincrby(hash, 'complaints', 1).hincrby(hash, 'solved', i % 20 === 0 ? 1 : 0);
    }
    await pipeline.exec();
  }
  const reader = createReportReader(redis, stores);
  const query = { from: dayOf(start), to: dayOf(Date.now()) };
  const times: number[] = [];
  let figures = null;
  for (let run = 0; run < RUNS; run += 1) {
    const began = performance.now();
    const report = await reader.read(clinicId, query);
    times.push(performance.now() - began);
    figures = report.clinic;
  }
  const best = Math.min(...times);
  console.error(`30-day report: best ${best.toFixed(1)} ms of ${RUNS} (goal < 1000 ms); median first response ${figures?.firstResponseMedianMs} ms`);
  console.log(JSON.stringify({ threads: THREADS, days: DAYS, staff: STAFF, reportMs: Math.round(best), runs: times.map((t) => Math.round(t)) }));
} finally {
  redis.disconnect();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
