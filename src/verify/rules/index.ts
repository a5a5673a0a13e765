/**
 * The claim rules in the order they run. Order matters where phrases overlap: the
 * structured readings (from→to, rank moves, lists, differences) claim their numbers
 * before the general ones (a change, a rank), and the last rule takes every number
 * left, so that none passes unread. numerals, places, quarters and tiers run first
 * (index.ts): they set what the later rules read (quarters) or decide alone (tiers).
 */
import type { Rule } from './rule.js';
import { figureRefs } from './figures.js';
import { lists } from './lists.js';
import { superlatives } from './superlatives.js';
import { comparisons } from './comparisons.js';
import { values } from './values.js';
import { ranks } from './ranks.js';
import { means } from './means.js';
import { counts } from './counts.js';
import { drivers } from './drivers.js';
import { changes } from './changes.js';
import { directions } from './directions.js';
import { numbers } from './numbers.js';
import { leftovers } from './leftovers.js';
import { clipped } from './clipped.js';
import { rankIntervals } from './rank-intervals.js';
import { uncomputed } from './uncomputed.js';

export { numerals } from './numerals.js';
export { places } from './places.js';
export { quarters } from './quarters.js';
export { tiers } from './tiers.js';

export const RULES: Rule[] = [clipped, uncomputed, figureRefs, rankIntervals, lists, comparisons, superlatives, values, ranks, means, counts, drivers, changes, directions, numbers, leftovers] as Rule[];
