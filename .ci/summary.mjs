// Reads vitest's JSON report and prints the closing line CI looks for: "N passed, N failed".
// A test file that fails to load has no test results of its own; it counts as one failure. An
// optional second argument, the exit status of `npm run check:outputs`, counts as one test more.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const brokenFiles = report.testResults.filter(
  (f) => f.status === 'failed' && f.assertionResults.length === 0,
).length;
const outputs = process.argv[3] === undefined ? null : process.argv[3] === '0';
const passed = report.numPassedTests + (outputs === true ? 1 : 0);
const failed = report.numFailedTests + brokenFiles + (outputs === false ? 1 : 0);
console.log(`${passed} passed, ${failed} failed`);
