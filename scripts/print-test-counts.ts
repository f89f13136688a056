// Prints vitest's JSON results as the plain closing line CI reads:
// "N passed, N failed" (", N skipped" when any were skipped).
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: print-test-counts.ts RESULTS.json');
  process.exit(2);
}
let r: { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numTotalTests: number };
try {
  r = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  console.error(`no test results in ${file}: ${(err as Error).message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const skipped = r.numPendingTests + r.numTodoTests;
console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(r.numFailedTests > 0 || r.numTotalTests === 0 ? 1 : 0);
