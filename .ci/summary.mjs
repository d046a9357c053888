// Prints the closing line CI looks for, "N passed, N failed". Arguments are exit statuses of
// single checks (type-check, lint, `npm run check:outputs`), each counted as one test, and paths
// of vitest JSON reports. A test file that fails to load has no test results of its own; it
// counts as one failure. So does a report that is missing: its run crashed before writing it.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const arg of process.argv.slice(2)) {
  if (/^\d+$/.test(arg)) {
    if (arg === '0') passed += 1;
    else failed += 1;
    continue;
  }
  if (!existsSync(arg)) {
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(arg, 'utf8'));
  const brokenFiles = report.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
  passed += report.numPassedTests;
  failed += report.numFailedTests + brokenFiles;
}
console.log(`${passed} passed, ${failed} failed`);
