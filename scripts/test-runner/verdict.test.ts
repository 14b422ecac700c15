import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closingLine, focusedTests, nodeTestVerdict, playwrightVerdict } from './verdict.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Runs real Playwright on one fixture spec and judges it as `npm test` does. */
function judgePlaywright(spec: string) {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-chat-runner-'));
  const reportFile = join(dir, 'report.json');
  try {
    const run = spawnSync(join(root, 'node_modules', '.bin', 'playwright'), ['test', '--config', join(fixtures, 'playwright.config.ts')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, RUNNER_FIXTURE_SPEC: spec, RUNNER_FIXTURE_REPORT: reportFile },
    });
    const report = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : null;
    return { status: run.status, verdict: playwrightVerdict(report, run.status) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a Playwright spec that throws at import fails the run although no test was reported', () => {
  const { status, verdict } = judgePlaywright('throws-at-import.spec.ts');
  assert.notEqual(status, 0);
  assert.equal(verdict.passed, 0);
  assert.ok(verdict.failed >= 1, closingLine(verdict));
});

test('a worker fixture whose teardown throws fails the run although every test passed', () => {
  const { status, verdict } = judgePlaywright('teardown-throws.spec.ts');
  assert.notEqual(status, 0);
  assert.equal(verdict.passed, 2);
  assert.ok(verdict.failed >= 1, closingLine(verdict));
});

test('a passing Playwright run is green and shows its skipped test on the closing line', () => {
  const { status, verdict } = judgePlaywright('passes.spec.ts');
  assert.equal(status, 0);
  assert.equal(closingLine(verdict), '1 passed, 0 failed, 1 skipped');
});

test('a node:test file that throws at import fails the run', () => {
  // Without NODE_TEST_CONTEXT the child reports as a top-level run, as it does under `npm test`.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', join(fixtures, 'throws-at-import.fixture.ts')], {
    cwd: root,
    encoding: 'utf8',
    env,
  });
  assert.notEqual(run.status, 0);
  assert.ok(nodeTestVerdict(run.stdout, run.status).failed >= 1);
});

test('a node:test run that exits non-zero with no failed test still counts as failed', () => {
  const summary = 'ℹ tests 3\nℹ pass 3\nℹ fail 0\nℹ cancelled 0\nℹ skipped 1\nℹ todo 2\n';
  assert.deepEqual(nodeTestVerdict(summary, 0), { passed: 3, failed: 0, skipped: 1, todo: 2 });
  assert.deepEqual(nodeTestVerdict(summary, 1), { passed: 3, failed: 1, skipped: 1, todo: 2 });
  assert.deepEqual(nodeTestVerdict('', null), { passed: 0, failed: 1, skipped: 0, todo: 0 });
});

test('focused node tests are found, plain ones are not', () => {
  // Built from parts, so that this file does not itself read as focused to `npm test`.
  const only = ['.', 'only'].join('');
  const found = focusedTests([
    { file: 'a.test.ts', text: `test${only}('x', () => {});` },
    { file: 'b.test.ts', text: `test('x', { ${only.slice(1)}: true }, () => {});` },
    { file: 'c.test.ts', text: "test('only the owner may do this', () => {});" },
  ]);
  assert.deepEqual(found, ['a.test.ts', 'b.test.ts']);
});
