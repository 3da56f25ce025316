#!/usr/bin/env node
// Counts what `.ci/run` did and prints `N passed, N failed` as its last line.
//
// Usage: node .ci/count.mjs .reports/checks.tsv
// Each line of checks.tsv is one of (tab-separated):
//   check  <pass|fail>  <name>  <seconds>                     one step: one passed or one failed check
//   vitest <exit code>  <report.json>  <label>  <seconds>     one run of the vitest suite
// For a vitest run: numPassedTests and numFailedTests of its JSON report; plus one failure for every
// test file whose status is "failed" (a file that failed to import has 0 failed tests); plus one
// failure when the report is missing or unreadable; plus one failure when vitest exited non-zero
// although the report shows no failure (unhandled errors, "no test files found").
// Exit code: 0 when nothing failed, else 1.
import { readFileSync } from 'node:fs';

const checksPath = process.argv[2] ?? '.reports/checks.tsv';
let passed = 0;
let failed = 0;

/** Reads one vitest JSON report into the totals; returns a one-line description. */
function countVitest(exitCode, reportPath, label, seconds) {
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch (error) {
    failed += 1;
    return `FAIL  vitest ${label}: no readable report at ${reportPath} (${error.code ?? error.message}); exit ${exitCode}, ${seconds}s`;
  }
  const testsPassed = Number(report.numPassedTests) || 0;
  const testsFailed = Number(report.numFailedTests) || 0;
  const files = Array.isArray(report.testResults) ? report.testResults : [];
  const failedFiles = files.filter((file) => file.status === 'failed');
  let runnerFailure = 0;
  if (exitCode !== '0' && testsFailed === 0 && failedFiles.length === 0) runnerFailure = 1;
  passed += testsPassed;
  failed += testsFailed + failedFiles.length + runnerFailure;
  const notes = [
    `${testsPassed} passed, ${testsFailed} failed in ${files.length} files`,
    ...failedFiles.map((file) => `failed file ${file.name}`),
    ...(runnerFailure ? [`vitest exited ${exitCode} with no failed test in the report`] : []),
  ];
  const ok = testsFailed + failedFiles.length + runnerFailure === 0;
  return `${ok ? 'pass' : 'FAIL'}  vitest ${label}: ${notes.join('; ')}; exit ${exitCode}, ${seconds}s`;
}

const lines = [];
try {
  for (const line of readFileSync(checksPath, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const [kind, ...fields] = line.split('\t');
    if (kind === 'check') {
      const [result, name, seconds] = fields;
      if (result === 'pass') passed += 1;
      else failed += 1;
      lines.push(`${result === 'pass' ? 'pass' : 'FAIL'}  ${name} (${seconds}s)`);
    } else if (kind === 'vitest') {
      const [exitCode, reportPath, label, seconds] = fields;
      lines.push(countVitest(exitCode, reportPath, label, seconds));
    } else {
      failed += 1;
      lines.push(`FAIL  unreadable line in ${checksPath}: ${JSON.stringify(line)}`);
    }
  }
} catch (error) {
  failed += 1;
  lines.push(`FAIL  cannot read ${checksPath}: ${error.message}`);
}

for (const line of lines) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
