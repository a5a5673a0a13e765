/**
 * Prints every case of the second held-out set with its verdict and the checker's
 * messages (to judge whether a wrong case was caught for the right reason):
 *   npx tsx test/verify/heldout2/report.ts [id-or-kind-prefix …]
 */
import { CASES } from './cases.js';
import { printOutcomes } from '../battery/heldout.js';

await printOutcomes(CASES, process.argv.slice(2));
