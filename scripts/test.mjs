// `npm test`: install what is missing, type-check, lint, check formatting, build the bundles, run every
// node:test file (unit and integration, against a real Redis each test starts) and
// every Playwright spec (real Chromium). Exits non-zero if anything failed — a runner's
// non-zero exit or a global error counts even when no test is reported failed — and ends
// with one "N passed, N failed, N skipped" line.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, ensureNpmPackages, ensureSystemPackage } from './ensure-deps.mjs';
import { addVerdicts, closingLine, focusedTests, nodeTestVerdict, playwrightVerdict } from './test-runner/verdict.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.data', 'e2e', 'test-results']);
/** A test file whose process never exits (a leaked handle) must fail the run, not hang CI. */
const NODE_TESTS_TIMEOUT_MS = 20 * 60 * 1000;
const PLAYWRIGHT_REPORT = join(root, 'test-results', 'playwright.json');

ensureNpmPackages();
ensureSystemPackage('redis');
ensureSystemPackage('chromium');
ensureSystemPackage('nginx');
ensureSystemPackage('haproxy');

/** @param {string} dir @param {string} suffix @returns {string[]} */
function findFiles(dir, suffix) {
  /** @type {string[]} */
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

/** @param {string} title @param {string} command @param {string[]} args */
function step(title, command, args) {
  console.log(`\n== ${title}`);
  return spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status;
}

/** A step that is one check: passes when the command exits 0. @param {number | null} status */
const checkVerdict = (status) => ({ passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0, todo: 0 });

/** @param {string} name */
const bin = (name) => join(root, 'node_modules', '.bin', name);

const verdicts = [
  checkVerdict(step('type-check (tsc --noEmit)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'])),
  checkVerdict(step('type-check scripts (tsc --noEmit)', bin('tsc'), ['--noEmit', '-p', 'scripts/tsconfig.json'])),
  checkVerdict(step('lint (eslint: import rules of design.md, no swallowed errors)', bin('eslint'), ['.'])),
  checkVerdict(step('format (prettier --check; `npm run format` fixes it)', bin('prettier'), ['--check', '--log-level', 'warn', '.'])),
];

console.log('\n== build (rollup -c)');
build();

const nodeTests = findFiles(root, '.test.ts');
const focused = focusedTests(nodeTests.map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') })));
if (focused.length > 0) {
  console.log(`\n== focused tests (.only) are not allowed: ${focused.join(', ')}`);
  verdicts.push({ passed: 0, failed: focused.length, skipped: 0, todo: 0 });
}

console.log(`\n== node:test — ${nodeTests.length} files`);
const nodeRun = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-timeout=120000', ...nodeTests], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
  timeout: NODE_TESTS_TIMEOUT_MS,
  killSignal: 'SIGKILL',
});
process.stdout.write(nodeRun.stdout ?? '');
if (nodeRun.error) console.log(`node:test did not finish: ${nodeRun.error.message}`);
verdicts.push(nodeTestVerdict(nodeRun.stdout ?? '', nodeRun.status));

const specs = existsSync(join(root, 'e2e')) ? findFiles(join(root, 'e2e'), '.spec.ts') : [];
if (specs.length > 0) {
  rmSync(PLAYWRIGHT_REPORT, { force: true });
  // playwright.config.ts writes its JSON report to PLAYWRIGHT_REPORT.
  const status = step(`Playwright — ${specs.length} specs in Chromium`, bin('playwright'), ['test']);
  const report = existsSync(PLAYWRIGHT_REPORT) ? JSON.parse(readFileSync(PLAYWRIGHT_REPORT, 'utf8')) : null;
  verdicts.push(playwrightVerdict(report, status));
}

const total = addVerdicts(...verdicts);
if (total.todo > 0) console.log(`\n(${total.todo} of the skipped are todo)`);
console.log(`\n${closingLine(total)}`);
process.exit(total.failed === 0 ? 0 : 1);
