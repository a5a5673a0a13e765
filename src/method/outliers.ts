/**
 * Outlier treatment by the JRC rule (OECD/JRC Handbook 2008, step 3; COINr's
 * Treat()): an indicator whose distribution has |skewness| > 2 AND kurtosis > 3.5
 * has its most extreme value replaced by the next one (winsorised), one at a time
 * on the side of the skew, until the rule no longer holds; if that takes more than
 * `winsorMax` values, the original values are log-transformed instead:
 * ln(x − m + 1) for a right skew, −ln(M − x + 1) for a left one, with m (M) the
 * lower (upper) end of the values and of the goalposts, so that order is kept and
 * the goalposts transform with the values.
 *
 * Only the scores use the treated values: the report and the ledger print the data
 * as given.
 */
import { kurtosis, skewness } from './stats.js';

export interface OutlierRule {
  skew: number;
  kurtosis: number;
  winsorMax: number;
}

export interface Treatment {
  method: 'winsorise' | 'log';
  skewBefore: number;
  kurtosisBefore: number;
  skewAfter: number | null;
  kurtosisAfter: number | null;
  /** Positions (in the input order) whose value changed, with the value used for scoring. */
  changed: { index: number; from: number; to: number }[];
}

export function breaksRule(values: readonly number[], rule: OutlierRule): boolean {
  const s = skewness(values);
  const k = kurtosis(values);
  return s !== null && k !== null && Math.abs(s) > rule.skew && k > rule.kurtosis;
}

function winsorise(values: readonly number[], rule: OutlierRule): number[] | null {
  const x = [...values];
  for (let step = 0; step < rule.winsorMax; step++) {
    const right = (skewness(x) ?? 0) > 0;
    const extreme = right ? Math.max(...x) : Math.min(...x);
    const rest = x.filter((v) => v !== extreme);
    if (!rest.length) return null;
    const next = right ? Math.max(...rest) : Math.min(...rest);
    // every value at the extreme moves to the next one (ties are treated alike)
    for (let i = 0; i < x.length; i++) if (x[i] === extreme) x[i] = next;
    if (!breaksRule(x, rule)) return x;
  }
  return null;
}

/**
 * Treats one indicator's values (all districts of one quarter). Returns null when
 * the rule does not call for treatment; otherwise the values and goalposts to score
 * with, and what was done.
 */
export function treatIndicator(values: readonly number[], bounds: [number, number] | undefined, rule: OutlierRule): { values: number[]; bounds?: [number, number]; treatment: Treatment } | null {
  if (!breaksRule(values, rule)) return null;
  const skewBefore = skewness(values)!;
  const kurtosisBefore = kurtosis(values)!;
  let treated = winsorise(values, rule);
  let method: Treatment['method'] = 'winsorise';
  let newBounds = bounds;
  if (!treated) {
    method = 'log';
    if (skewBefore > 0) {
      const m = Math.min(...values, ...(bounds ? [bounds[0]] : []));
      const g = (v: number) => Math.log(v - m + 1);
      treated = values.map(g);
      if (bounds) newBounds = [g(bounds[0]), g(bounds[1])];
    } else {
      const M = Math.max(...values, ...(bounds ? [bounds[1]] : []));
      const g = (v: number) => -Math.log(M - v + 1);
      treated = values.map(g);
      if (bounds) newBounds = [g(bounds[0]), g(bounds[1])];
    }
  }
  const changed = values.flatMap((from, index) => (treated![index] !== from ? [{ index, from, to: treated![index] }] : []));
  return {
    values: treated,
    ...(newBounds ? { bounds: newBounds } : {}),
    treatment: { method, skewBefore, kurtosisBefore, skewAfter: skewness(treated), kurtosisAfter: kurtosis(treated), changed },
  };
}
