/**
 * The cost of one photo upload on the relay (issue 9's closing note): a 12-megapixel
 * JPEG (4000×3000, noisy like a real photo, EXIF orientation and GPS) through the relay's
 * own steps — type from content, then sharp: rotate, strip, cap at 2,560 px, thumbnail.
 * Run: `node --import tsx bench/attachment-bench.ts` (BENCH_ATTACHMENT_RUNS, default 7).
 * Progress goes to stderr; the last stdout line is one JSON object.
 */
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { detectKind } from '../relay/attachments/file-kinds.ts';
import { processImage } from '../relay/attachments/image-processing.ts';
import { noisyPhoto } from '../relay/testing/attachment-files.ts';

const WIDTH = 4000;
const HEIGHT = 3000;
const runs = Number(process.env.BENCH_ATTACHMENT_RUNS ?? 7);
if (!Number.isInteger(runs) || runs < 1 || runs > 100) throw new Error(`BENCH_ATTACHMENT_RUNS: expected 1..100, got ${process.env.BENCH_ATTACHMENT_RUNS}`);

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const round = (ms: number) => Math.round(ms * 10) / 10;

process.stderr.write(`generating a ${WIDTH}×${HEIGHT} JPEG…\n`);
const photo = await noisyPhoto(WIDTH, HEIGHT);
const timings: number[] = [];
let last: Awaited<ReturnType<typeof processImage>> | null = null;
const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
// One warm-up run: sharp loads libvips' codecs on first use.
for (let i = -1; i < runs; i++) {
  const started = performance.now();
  const detected = await detectKind(photo);
  last = await processImage(photo, detected.mime);
  const ms = performance.now() - started;
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  if (i >= 0) timings.push(ms);
  process.stderr.write(`run ${i < 0 ? 'warm-up' : i + 1}: ${round(ms)} ms\n`);
}
timings.sort((a, b) => a - b);
const output = await sharp(last!.body).metadata();
const figures = {
  input: { width: WIDTH, height: HEIGHT, megapixels: (WIDTH * HEIGHT) / 1e6, bytes: photo.length },
  output: { width: output.width, height: output.height, bytes: last!.body.length, thumbBytes: last!.thumb.length, exif: output.exif !== undefined },
  runs,
  ms: { median: round(quantile(timings, 0.5)), min: round(timings[0]!), max: round(timings.at(-1)!) },
  rssGrowthMB: Math.round((rssPeak - rssBefore) / 1024 / 1024),
  sharpConcurrency: sharp.concurrency(),
};
process.stderr.write(
  `12 MP photo: median ${figures.ms.median} ms (${figures.input.bytes} B → ${figures.output.bytes} B + thumb ${figures.output.thumbBytes} B)\n`,
);
console.log(JSON.stringify(figures));
