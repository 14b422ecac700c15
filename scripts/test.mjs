// `npm test`: install what is missing, type-check, build the bundles, run every
// node:test file (unit and integration, against a real Redis each test starts) and
// every Playwright spec (real Chromium). Exits non-zero if anything failed and ends
// with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, ensureNpmPackages, ensureSystemPackage } from './ensure-deps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.data', 'e2e', 'test-results']);

ensureNpmPackages();
ensureSystemPackage('redis');
ensureSystemPackage('chromium');

function findFiles(dir, suffix) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) found.push(...findFiles(join(dir, entry.name), suffix));
    } else if (entry.name.endsWith(suffix)) {
      found.push(relative(root, join(dir, entry.name)));
    }
  }
  return found.sort();
}

function step(title, command, args, options = {}) {
  console.log(`\n== ${title}`);
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options }).status === 0;
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;

const typesOk = step('type-check (tsc --noEmit)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
typesOk ? (passed += 1) : (failed += 1);

console.log('\n== build (rollup -c)');
build();

const nodeTests = findFiles(root, '.test.ts');
console.log(`\n== node:test — ${nodeTests.length} files`);
// A test file whose process never exits (a leaked handle) must fail the run, not hang CI.
const NODE_TESTS_TIMEOUT_MS = 20 * 60 * 1000;
const nodeRun = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-timeout=120000', ...nodeTests], {
  cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: NODE_TESTS_TIMEOUT_MS, killSignal: 'SIGKILL',
});
process.stdout.write(nodeRun.stdout ?? '');
if (nodeRun.error) console.log(`node:test did not finish: ${nodeRun.error.message}`);
const count = (label) => Number((nodeRun.stdout ?? "").match(new RegExp(`^ℹ ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
passed += count('pass');
failed += count('fail') + count('cancelled') + (nodeRun.status !== 0 && count('fail') === 0 ? 1 : 0);

const specs = existsSync(join(root, 'e2e')) ? findFiles(join(root, 'e2e'), '.spec.ts') : [];
if (specs.length > 0) {
  const report = join(root, 'test-results', 'playwright.json');
  rmSync(report, { force: true });
  // playwright.config.ts writes its JSON report to this file.
  const ok = step(`Playwright — ${specs.length} specs in Chromium`, bin('playwright'), ['test']);
  if (existsSync(report)) {
    const { stats } = JSON.parse(readFileSync(report, 'utf8'));
    passed += stats.expected;
    failed += stats.unexpected + stats.flaky;
  } else if (!ok) {
    failed += 1;
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
