import type { Direction, NormalisationMethod } from '../config/types.js';

export interface NormaliseOptions {
  method: NormalisationMethod;
  direction: Direction;
  /** Goalposts for 'goalpost': [lower, upper]. */
  bounds?: [number, number];
  /** Share of the scale a value at the lower end still gets (goalpost only). */
  floor?: number;
}

export interface Normalised {
  /** 0–1 */
  value: number;
  clipped: boolean;
}

/**
 * Puts a quarter's values of one indicator on a 0–1 scale (1 = best).
 * `values` are all districts' values of the quarter; the method decides whether
 * the other districts matter (minmax, efficacy, zscore, rank) or not (goalpost).
 */
export function normalise(values: number[], opts: NormaliseOptions): Normalised[] {
  const flip = opts.direction === '逆向';
  const n = values.length;
  switch (opts.method) {
    case 'goalpost': {
      if (!opts.bounds) throw new Error('goalpost normalisation needs bounds');
      const [lo, hi] = opts.bounds;
      const floor = opts.floor ?? 0;
      return values.map((x) => {
        const t = (x - lo) / (hi - lo);
        const clipped = t < 0 || t > 1;
        const c = Math.min(1, Math.max(0, t));
        return { value: floor + (1 - floor) * (flip ? 1 - c : c), clipped };
      });
    }
    case 'minmax':
    case 'efficacy': {
      const min = Math.min(...values);
      const max = Math.max(...values);
      const base = opts.method === 'efficacy' ? 0.6 : 0;
      const span = opts.method === 'efficacy' ? 0.4 : 1;
      // All equal: nobody is better than anybody; give everyone the top of the range.
      return values.map((x) => {
        const t = max === min ? 1 : (x - min) / (max - min);
        return { value: base + span * (flip ? 1 - t : t), clipped: false };
      });
    }
    case 'zscore': {
      const mean = values.reduce((s, x) => s + x, 0) / n;
      const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
      return values.map((x) => {
        const z = sd === 0 ? 0 : ((x - mean) / sd) * (flip ? -1 : 1);
        const v = 0.5 + z / 6;
        return { value: Math.min(1, Math.max(0, v)), clipped: v < 0 || v > 1 };
      });
    }
    case 'rank': {
      const ranks = competitionRanks(values, flip ? 'asc' : 'desc');
      return ranks.map((r) => ({ value: n === 1 ? 1 : (n - r) / (n - 1), clipped: false }));
    }
  }
}

/** Standard competition ranking (1, 2, 2, 4): equal values share the better rank. */
export function competitionRanks(values: number[], order: 'desc' | 'asc' = 'desc'): number[] {
  return values.map((x) => 1 + values.filter((y) => (order === 'desc' ? y > x : y < x)).length);
}

/** Children's points (score_i out of points_i, weight w_i) combined into the parent's points. */
export function aggregate(children: { score: number; points: number; weight: number }[], parentPoints: number, method: 'arithmetic' | 'geometric'): number {
  if (method === 'arithmetic') return children.reduce((s, c) => s + c.score, 0);
  // Weighted geometric mean of the shares: a weak child cannot be fully offset by a strong one.
  const totalWeight = children.reduce((s, c) => s + c.weight, 0);
  const logMean = children.reduce((s, c) => s + (c.weight / totalWeight) * Math.log(Math.max(c.score / c.points, 1e-9)), 0);
  return parentPoints * Math.exp(logMean);
}

/** Rounds half away from zero at 2 decimals, as printed (avoids 1.005 → 1.00 float artefacts). */
export function round2(x: number): number {
  return (Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-9)) / 100;
}
