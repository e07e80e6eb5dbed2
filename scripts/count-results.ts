// Sums the JSON reports of Vitest and Playwright runs into the one line CI reads: "N passed, N failed".
// A report that is missing or unreadable counts as a failure: a suite that did not run has not passed.
import { existsSync, readFileSync } from "node:fs";

type VitestReport = { numPassedTests: number; numFailedTests: number; numTotalTests: number; success: boolean };
type PlaywrightReport = { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; errors?: unknown[] };

export function countReport(file: string): { passed: number; failed: number; note?: string } {
  if (!existsSync(file)) return { passed: 0, failed: 1, note: `${file}: missing (the suite did not run)` };
  const report = JSON.parse(readFileSync(file, "utf8")) as Partial<VitestReport & PlaywrightReport>;
  if (report.stats) {
    const { expected, unexpected, flaky } = report.stats;
    const errors = report.errors?.length ?? 0;
    return {
      passed: expected,
      failed: unexpected + flaky + errors,
      note: errors ? `${file}: ${errors} error(s) outside tests` : undefined,
    };
  }
  const failed = report.numFailedTests ?? 0;
  // Vitest marks a run unsuccessful for unhandled errors too, even when every test passed.
  const extra = report.success === false && failed === 0 ? 1 : 0;
  return { passed: report.numPassedTests ?? 0, failed: failed + extra, note: extra ? `${file}: run failed outside tests` : undefined };
}

const files = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const file of files) {
  const result = countReport(file);
  passed += result.passed;
  failed += result.failed;
  if (result.note) console.error(result.note);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || files.length === 0 ? 1 : 0);
