/**
 * A held-out measurement of the fact check (issue 12): cases written without seeing
 * the tuned battery or the checker's rules (see cases.ts), run by the battery's
 * held-out runner (../battery/heldout.ts): every true case passes, and at least
 * 90 % of the wrong cases are caught (a measurement, allowed to fail).
 */
import { CASES, TRUE, WRONG } from './cases.js';
import { heldOutTests } from '../battery/heldout.js';

heldOutTests({ name: 'held-out', CASES, TRUE, WRONG, least: { wrong: 70, true: 25 }, target: 0.9 });
