/**
 * Prints every held-out case with its verdict and the checker's messages (to judge
 * whether a wrong case was caught for the right reason, and why a true one was refused):
 *   npx tsx test/verify/heldout/report.ts [id-or-kind-prefix …]
 */
import { CASES } from './cases.js';
import { printOutcomes } from '../battery/heldout.js';

await printOutcomes(CASES, process.argv.slice(2));
