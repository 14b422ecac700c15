// How `npm test` judges each runner's outcome. A run is green only when the runner exited
// 0 AND its report shows no failure: a spec that throws at import, a fixture whose teardown
// throws, or a process that never finished must never read as "0 failed".

/** @typedef {{ passed: number, failed: number, skipped: number, todo: number }} Verdict */
/** @typedef {{ expected: number, unexpected: number, flaky: number, skipped: number }} PlaywrightStats */
/** @typedef {{ stats?: PlaywrightStats, errors?: unknown[] }} PlaywrightReport */

/**
 * Counts from node:test's spec reporter summary (`ℹ pass 12` …) and its exit status.
 * @param {string} output @param {number | null} status @returns {Verdict}
 */
export function nodeTestVerdict(output, status) {
  /** @param {string} label */
  const count = (label) => Number(output.match(new RegExp(`^ℹ ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  const reported = count('fail') + count('cancelled');
  return {
    passed: count('pass'),
    // A non-zero exit with no failed test (a file that cannot load, a crash, a time-out) still fails.
    failed: reported + (status !== 0 && reported === 0 ? 1 : 0),
    skipped: count('skipped'),
    todo: count('todo'),
  };
}

/**
 * Counts from Playwright's JSON report and its exit status. Global errors (import errors,
 * a worker fixture's teardown) each count as a failure, and so does a missing report.
 * @param {PlaywrightReport | null} report @param {number | null} status @returns {Verdict}
 */
export function playwrightVerdict(report, status) {
  const stats = report?.stats ?? { expected: 0, unexpected: 0, flaky: 0, skipped: 0 };
  const reported = stats.unexpected + stats.flaky + (report?.errors?.length ?? 0) + (report ? 0 : 1);
  return {
    passed: stats.expected,
    failed: reported + (status !== 0 && reported === 0 ? 1 : 0),
    skipped: stats.skipped,
    todo: 0,
  };
}

/** @param {Verdict[]} verdicts @returns {Verdict} */
export function addVerdicts(...verdicts) {
  return verdicts.reduce(
    (total, v) => ({
      passed: total.passed + v.passed,
      failed: total.failed + v.failed,
      skipped: total.skipped + v.skipped,
      todo: total.todo + v.todo,
    }),
    { passed: 0, failed: 0, skipped: 0, todo: 0 },
  );
}

/**
 * The closing line CI reads: "N passed, N failed, N skipped" (todo tests count as skipped).
 * @param {Verdict} verdict
 */
export function closingLine({ passed, failed, skipped, todo }) {
  return `${passed} passed, ${failed} failed, ${skipped + todo} skipped`;
}

/**
 * Files with a focused test: `.only` left in a node test file would silently narrow a CI run.
 * @param {{ file: string, text: string }[]} sources @returns {string[]}
 */
export function focusedTests(sources) {
  return sources.filter(({ text }) => /\b(?:test|it|describe|suite)\.only\s*\(|\{\s*only:\s*true\b/.test(text)).map(({ file }) => file);
}
