/**
 * Classing of values for the maps and the tier colouring of bars: rounded class
 * breaks from the data, fixed tiers given by the caller, and the assignment of
 * each value to its class. Intervals are closed below and open above
 * ([lower, upper)); the top class also holds its upper bound.
 */
import { niceStep } from './nice.js';
import { formatNumber, sequentialPalette } from './style.js';
import type { ClassedDatum, DistrictDatum, FigureClass } from './types.js';

export interface ValueClass extends FigureClass {
  /** Inclusive lower bound; -Infinity for an open bottom class. */
  lower: number;
  /** Exclusive upper bound (inclusive for the top class); +Infinity for an open top class. */
  upper: number;
}

/** GB/T 15834 range mark (一字线): 25.00—30.00. */
const RANGE_DASH = '—';

function quantile(sorted: number[], p: number): number {
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

/** Rounds away float noise (e.g. 0.1 + 0.2) from a multiple of a step. */
function snap(v: number): number {
  return Number(v.toFixed(10));
}

/**
 * Class breaks from the data: quantile cut points rounded to a nice step, so the
 * legend reads like "55.00—60.00". Returns at most `k` non-empty classes in legend
 * order (highest first) coloured light → dark with the sequential palette.
 */
export function classBreaks(values: number[], k = 4): ValueClass[] {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) throw new RangeError('figures: classBreaks needs at least one finite value');
  if (!(Number.isInteger(k) && k >= 1 && k <= 7)) throw new RangeError(`figures: classBreaks k must be 1–7, got ${k}`);
  const min = v[0];
  const max = v[v.length - 1];
  const range = max - min;
  const step = range > 0 ? niceStep(range / (k * 2)) : 1;
  const lower = snap(Math.floor(min / step) * step);
  let upper = snap(Math.ceil(max / step) * step);
  if (upper === lower) upper = snap(lower + step);

  // Interior cuts at quantiles, rounded to the step, kept only if both sides stay non-empty.
  const cuts: number[] = [];
  for (let i = 1; i < k; i++) {
    const c = snap(Math.round(quantile(v, i / k) / step) * step);
    const prev = cuts.length ? cuts[cuts.length - 1] : lower;
    if (c <= prev || c >= upper) continue;
    const below = v.filter((x) => x >= prev && x < c).length;
    const above = v.filter((x) => x >= c).length;
    if (below > 0 && above > 0) cuts.push(c);
  }
  const edges = [lower, ...cuts, upper];
  const colors = sequentialPalette(edges.length - 1);
  const classes: ValueClass[] = [];
  for (let i = 0; i < edges.length - 1; i++) {
    classes.push({
      lower: edges[i],
      upper: edges[i + 1],
      label: `${formatNumber(edges[i])}${RANGE_DASH}${formatNumber(edges[i + 1])}`,
      color: colors[i],
    });
  }
  return classes.reverse();
}

/**
 * Fixed tiers, e.g. the report's total-score tiers `tierClasses([80, 70, 50])` →
 * 80分以上 / 70—80分 / 50—70分 / 50分以下 (legend order, highest first), coloured
 * with the sequential palette. Thresholds may come in any order.
 */
export function tierClasses(thresholds: number[], opts: { unit?: string; decimals?: number; colors?: string[] } = {}): ValueClass[] {
  const unit = opts.unit ?? '分';
  const fmt = (x: number) => (opts.decimals === undefined ? String(x) : formatNumber(x, opts.decimals));
  const t = [...new Set(thresholds)].sort((a, b) => a - b);
  if (t.length === 0 || t.some((x) => !Number.isFinite(x))) throw new RangeError('figures: tierClasses needs finite thresholds');
  const colors = opts.colors ?? sequentialPalette(t.length + 1);
  if (colors.length !== t.length + 1) throw new RangeError(`figures: tierClasses needs ${t.length + 1} colours, got ${colors.length}`);
  const edges = [-Infinity, ...t, Infinity];
  const classes: ValueClass[] = [];
  for (let i = 0; i < edges.length - 1; i++) {
    const lo = edges[i];
    const hi = edges[i + 1];
    const label = lo === -Infinity ? `${fmt(hi)}${unit}以下` : hi === Infinity ? `${fmt(lo)}${unit}以上` : `${fmt(lo)}${RANGE_DASH}${fmt(hi)}${unit}`;
    classes.push({ lower: lo, upper: hi, label, color: colors[i] });
  }
  return classes.reverse();
}

/** The class a value falls in ([lower, upper), the top class closed). */
export function classOf(value: number, classes: ValueClass[]): ValueClass {
  const top = classes.reduce((a, b) => (b.upper > a.upper ? b : a));
  for (const c of classes) {
    if (value >= c.lower && (value < c.upper || (c === top && value <= c.upper))) return c;
  }
  throw new RangeError(`figures: value ${value} falls in no class (${classes.map((c) => c.label).join(', ')})`);
}

/** Attaches each datum's class label. */
export function classify<T extends DistrictDatum>(values: T[], classes: ValueClass[]): (T & ClassedDatum)[] {
  return values.map((d) => ({ ...d, classLabel: classOf(d.value, classes).label }));
}
